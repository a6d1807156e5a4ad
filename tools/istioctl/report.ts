// The human summary compare.ts prints after its JSON lines: the fixture agreement table (one row
// per rule) and agreement per istioctl code over every file compared. Markdown, so it can go
// into docs/validation.md as it is.
import type { Extra, Row } from './match';
import type { Reference } from './reference';

export interface FileResult {
  /** Relative to the repo root. */
  file: string;
  yamlErrors: string[];
  /** Weir's findings under istioctl codes, before any reference is consulted. */
  weirRows: Row[];
  byReference: Partial<Record<Reference['name'], { rows: Row[]; error?: string }>>;
  extras: Extra[];
}

interface Context {
  version: string;
  notes: string[];
  fixturesDir: string;
}

const LABEL: Record<Reference['name'], string> = {
  istioctl: 'istioctl --use-kube=false',
  'analyze-files': 'analyze-files',
};

export function printTables(results: FileResult[], references: Reference[], context: Context): void {
  const out: string[] = ['', `# Weir vs istio.io/istio ${context.version}`, ''];
  for (const reference of references) out.push(`- ${reference.name}: \`${reference.describe}\``);
  for (const note of context.notes) out.push(`- ${note}`);
  out.push(`- files compared: ${results.length}`);
  out.push(...fixtureTable(results, references, context.fixturesDir));
  out.push(...codeTable(results, references));
  out.push(...extrasTable(results));
  console.log(out.join('\n'));
}

function fixtureTable(results: FileResult[], references: Reference[], fixturesDir: string): string[] {
  const byFile = new Map(results.map((result) => [result.file, result]));
  const prefix = `${fixturesDir}/`;
  const codes = [
    ...new Set(
      results
        .filter((result) => result.file.startsWith(prefix))
        .map((result) => result.file.slice(prefix.length).split('/')[0] ?? ''),
    ),
  ];
  if (codes.length === 0 || references.length === 0) return [];
  const heads = references.flatMap((reference) => [
    `${LABEL[reference.name]}: positive`,
    `${LABEL[reference.name]}: negative`,
  ]);
  const lines = [
    '',
    '## Fixtures',
    '',
    `| rule | ${heads.join(' | ')} |`,
    `|---|${heads.map(() => '---').join('|')}|`,
  ];
  for (const code of codes.sort()) {
    const positive = byFile.get(`${fixturesDir}/${code}/positive.yaml`);
    const negative = byFile.get(`${fixturesDir}/${code}/negative.yaml`);
    const cells = references.flatMap((reference) => [
      positiveCell(positive, reference.name, code),
      negativeCell(negative, reference.name),
    ]);
    lines.push(`| ${code} | ${cells.join(' | ')} |`);
  }
  return lines;
}

function positiveCell(result: FileResult | undefined, name: Reference['name'], code: string): string {
  const outcome = result?.byReference[name];
  if (!result || !outcome) return 'n/a';
  if (outcome.error) return 'error';
  const mine = outcome.rows.filter((row) => row.weir.includes(code));
  const codes = [...new Set(mine.map((row) => row.istioCode))].join(', ');
  let cell: string;
  if (mine.length === 0) cell = 'Weir only (no istioctl check)';
  else if (mine.every((row) => row.status === 'agree')) cell = `agree (${codes})`;
  else if (mine.some((row) => row.status === 'agree')) cell = `partly (${codes})`;
  else cell = `istioctl silent (${codes})`;
  const more = [
    ...new Set(outcome.rows.filter((row) => row.status === 'istioctl-only').map((row) => row.istioCode)),
  ];
  return more.length > 0 ? `${cell}; istioctl also ${more.join(', ')}` : cell;
}

function negativeCell(result: FileResult | undefined, name: Reference['name']): string {
  const outcome = result?.byReference[name];
  if (!result || !outcome) return 'n/a';
  if (outcome.error) return 'error';
  if (outcome.rows.length === 0 && result.extras.length === 0) return 'both clean';
  const said = outcome.rows.map((row) => `${row.istioCode} ${row.status}`);
  return [...said, ...result.extras.map((extra) => `${extra.code} weir-extra`)].join(', ');
}

function codeTable(results: FileResult[], references: Reference[]): string[] {
  type Counts = { agree: number; 'weir-only': number; 'istioctl-only': number };
  const counts = new Map<string, Partial<Record<Reference['name'], Counts>>>();
  const rules = new Map<string, Set<string>>();
  for (const result of results) {
    for (const reference of references) {
      for (const row of result.byReference[reference.name]?.rows ?? []) {
        const perCode = counts.get(row.istioCode) ?? {};
        const entry = perCode[reference.name] ?? { agree: 0, 'weir-only': 0, 'istioctl-only': 0 };
        entry[row.status]++;
        perCode[reference.name] = entry;
        counts.set(row.istioCode, perCode);
        const names = rules.get(row.istioCode) ?? new Set<string>();
        for (const code of row.weir) names.add(code);
        rules.set(row.istioCode, names);
      }
    }
  }
  if (counts.size === 0) return [];
  const heads = references.map((reference) => `${LABEL[reference.name]} (agree / Weir only / istioctl only)`);
  const lines = [
    '',
    '## By istioctl code, every file (code, object) pairs',
    '',
    `| istioctl code | Weir rules | ${heads.join(' | ')} |`,
    `|---|---|${heads.map(() => '---').join('|')}|`,
  ];
  for (const [code, perCode] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    const cells = references.map((reference) => {
      const entry = perCode[reference.name];
      return entry ? `${entry.agree} / ${entry['weir-only']} / ${entry['istioctl-only']}` : '0 / 0 / 0';
    });
    lines.push(
      `| ${code} | ${[...(rules.get(code) ?? [])].sort().join(', ') || '—'} | ${cells.join(' | ')} |`,
    );
  }
  return lines;
}

function extrasTable(results: FileResult[]): string[] {
  const counts = new Map<string, number>();
  for (const result of results) {
    for (const code of new Set(result.extras.map((extra) => extra.code)))
      counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  if (counts.size === 0) return [];
  const lines = [
    '',
    '## Weir checks istioctl does not have (files with a finding)',
    '',
    '| Weir rule | files |',
    '|---|---|',
  ];
  for (const [code, count] of [...counts].sort(([a], [b]) => a.localeCompare(b)))
    lines.push(`| ${code} | ${count} |`);
  return lines;
}
