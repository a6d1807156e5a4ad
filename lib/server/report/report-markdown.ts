import 'server-only';
import type { RoutingReport } from '../../api/report';
import { percent } from '../../traffic/edge-text';
import { countsRequests } from '../../traffic/edge-traffic';

// Every value from the mesh, the history or the request is text, and stays on the line it is
// put on: every line break (CR, LF, CRLF, NEL, the Unicode line and paragraph separators,
// vertical tab, form feed) and other control character becomes a space, so no value can start
// a heading, a list or a link reference definition (`[graph]: https://…` would replace the
// embedded image). Markup shows as typed in a viewer that renders HTML, and the Markdown
// characters that open links and images (`[`), emphasis, code or table cells are escaped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const BREAKS = /\r\n|[\u0000-\u001f\u007f\u0085\u2028\u2029]/g;
const text = (value: string | number) =>
  String(value)
    .replace(BREAKS, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[~|]/g, (c) => `\\${c}`);

// A code span shows its text literally (an entity would show as typed); only a backtick ends it.
const code = (value: string) => `\`${value.replace(BREAKS, ' ').replace(/`/g, '%60')}\``;

const labels = (map: Record<string, string>) =>
  Object.entries(map)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

/**
 * The report as Markdown: the graph, one section per kind of object, then findings, then
 * changes. `graphPng` (base64) embeds the graph as a data URL, defined at the very end so the
 * text stays readable in a plain editor. A PNG rather than the SVG: common Markdown renderers
 * (markdown-it, used by VS Code and others) refuse SVG data URLs but show PNG ones, offline.
 */
export function reportMarkdown(report: RoutingReport, graphPng?: string): string {
  const lines: string[] = [];
  const scope =
    report.namespaces.length > 0
      ? text(report.namespaces.join(', '))
      : 'every namespace visible to the author';
  lines.push('# Routing report', '');
  lines.push(`- Generated: ${text(report.generatedAt)} by ${text(report.generatedBy)}`);
  lines.push(`- Source: ${text(report.source)}`);
  lines.push(`- Namespaces: ${scope}`);
  lines.push(
    report.past
      ? `- Routing as of: ${text(report.asOf)} (rebuilt from the recorded history)`
      : `- Routing as of: ${text(report.asOf)} (as it stands)`,
  );
  if (report.past) {
    lines.push(`- ${text(report.past.note)}`);
    if (report.past.approximate.length > 0)
      lines.push(
        `- Shown as they are now (their earlier spec was not recorded): ${text(report.past.approximate.join(', '))}`,
      );
    if (!report.past.complete)
      lines.push(
        '- More changes were recorded since than Weir reads at once: older parts may be out of date.',
      );
  }
  lines.push(
    `- Changes from ${text(report.period.from ?? 'the first record')} to ${text(report.period.to ?? report.generatedAt)}`,
    '',
  );

  lines.push('## Graph', '');
  if (graphPng) lines.push('![Routing graph][graph]', '');
  lines.push(
    `${report.graph.nodes} nodes, ${report.graph.edges} edges. From Weir, the same graph as SVG: ${code(report.graph.svg)}; as PNG: ${code(report.graph.png)}.`,
    '',
  );

  lines.push('## Gateways', '');
  if (report.gateways.length === 0) lines.push('None.', '');
  for (const gateway of report.gateways) {
    const selector = labels(gateway.selector);
    lines.push(
      `### ${text(gateway.namespace)}/${text(gateway.name)}`,
      '',
      `Selector: ${selector ? text(selector) : '—'}`,
      '',
    );
    lines.push('| port | protocol | hosts | TLS |', '|---|---|---|---|');
    for (const s of gateway.servers)
      lines.push(
        `| ${text(s.port)} | ${text(s.protocol)} | ${text(s.hosts.join(', '))} | ${text(s.tls ?? '—')} |`,
      );
    lines.push('');
  }

  lines.push('## Virtual services', '');
  if (report.virtualServices.length === 0) lines.push('None.', '');
  for (const vs of report.virtualServices) {
    lines.push(`### ${text(vs.namespace)}/${text(vs.name)}`, '');
    lines.push(
      `Hosts: ${text(vs.hosts.join(', ') || '—')} · Gateways: ${text(vs.gateways.join(', '))} · resourceVersion ${text(vs.resourceVersion ?? '—')}`,
    );
    if (vs.lockedBy) lines.push('', `Owned by ${text(vs.lockedBy)} (Weir does not change it).`);
    lines.push('', '| route | match | destination | weight | also |', '|---|---|---|---|---|');
    for (const route of vs.routes) {
      const label = `${route.kind}[${route.index}]${route.name ? ` ${route.name}` : ''}`;
      const also = text(route.also.join('; ') || '—');
      if (route.destinations.length === 0)
        lines.push(`| ${text(label)} | ${text(route.match)} | — | — | ${also} |`);
      route.destinations.forEach((d, i) => {
        const where = `${d.host}${d.subset ? ` / ${d.subset}` : ''}${d.port ? ` :${d.port}` : ''}`;
        lines.push(
          i === 0
            ? `| ${text(label)} | ${text(route.match)} | ${text(where)} | ${text(d.weight)}% | ${also} |`
            : `| | | ${text(where)} | ${text(d.weight)}% | |`,
        );
      });
    }
    lines.push('');
  }

  lines.push('## Destination rules', '');
  if (report.destinationRules.length === 0) lines.push('None.', '');
  else {
    lines.push('| rule | host | subsets |', '|---|---|---|');
    for (const dr of report.destinationRules) {
      const subsets = dr.subsets.map((s) => `${s.name} (${labels(s.labels)})`);
      lines.push(
        `| ${text(`${dr.namespace}/${dr.name}`)} | ${text(dr.host)} | ${text(subsets.join('; ') || '—')} |`,
      );
    }
    lines.push('');
  }

  lines.push('## Findings', '');
  if (report.findings.length === 0) lines.push('None.', '');
  else {
    lines.push('| severity | code | object | message |', '|---|---|---|---|');
    for (const f of report.findings) {
      lines.push(
        `| ${text(f.severity)} | ${text(f.code)} | ${text(`${f.ref.kind} ${f.ref.namespace}/${f.ref.name}`)} | ${text(f.message)} |`,
      );
    }
    lines.push('');
  }

  if (report.measured) lines.push(...measuredLines(report.measured));

  lines.push('## Changes', '');
  if (report.changes.length === 0) lines.push('None recorded in the period.', '');
  else {
    lines.push('| time | who | object | change | note |', '|---|---|---|---|---|');
    for (const c of report.changes) {
      const who = c.source === 'external' ? `${c.user} (outside Weir)` : c.user;
      lines.push(
        `| ${text(c.time)} | ${text(who)} | ${text(`${c.object.kind} ${c.object.namespace}/${c.object.name}`)} | ${text(c.summary)} | ${text(c.note ?? '')} |`,
      );
    }
    lines.push('');
  }
  if (graphPng) lines.push(`[graph]: data:image/png;base64,${graphPng}`, '');
  return lines.join('\n');
}

const BYTE_RATE_UNITS = ['B/s', 'kB/s', 'MB/s'] as const;

/**
 * `12.3 kB/s`: a byte rate to one decimal in the largest unit it reaches once rounded (999.96
 * B/s reads `1 kB/s`, never `1000 B/s`).
 */
export function byteRate(bytesPerSecond: number): string {
  for (const [i, unit] of BYTE_RATE_UNITS.entries()) {
    const value = Number((bytesPerSecond / 1000 ** i).toFixed(1));
    if (value < 1000 || i === BYTE_RATE_UNITS.length - 1) return `${value} ${unit}`;
  }
  return `${bytesPerSecond} B/s`;
}

/** `12.3 kB/s · 0.5 conn/s`: what a TCP route's destination sent back, or – without TCP series. */
function tcpSent(e: NonNullable<RoutingReport['measured']>['edges'][number]): string {
  if (e.tcpBytes === undefined) return '–';
  const bytes = byteRate(e.tcpBytes);
  return e.tcpConnections === undefined ? bytes : `${bytes} · ${Number(e.tcpConnections.toFixed(3))} conn/s`;
}

/** The measured split section: per weight edge, its weight now beside what it received. */
function measuredLines(measured: NonNullable<RoutingReport['measured']>): string[] {
  const lines = [
    '## Measured traffic',
    '',
    `From ${text(measured.from)} to ${text(measured.to)}, as Prometheus measured it (Istio's standard metrics).`,
    '',
  ];
  if (measured.unavailable)
    return [...lines, `Not available: Prometheus did not answer (${text(measured.unavailable)}).`, ''];
  if (measured.missing?.length)
    lines.push(`Missing: Prometheus did not answer for ${measured.missing.map(text).join('; ')}.`, '');
  if (measured.edges.length === 0) return [...lines, 'No weighted route in scope.', ''];
  lines.push(
    "The share is of the route's requests; on a TCP or TLS route, of the connections it opened (of the bytes its destinations sent back when it opened none).",
    '',
    '| route | destination | weight now | measured share | requests/s | non-5xx | TCP sent |',
    '|---|---|---|---|---|---|---|',
  );
  for (const e of measured.edges) {
    const share =
      e.share === undefined
        ? countsRequests(e.objectKind, e.kind)
          ? 'no requests'
          : 'no traffic'
        : percent(e.share);
    lines.push(
      `| ${text(`${e.objectKind} ${e.namespace}/${e.name} ${e.kind}[${e.index}]`)} | ${text(`${e.host}${e.subset ? ` subset ${e.subset}` : ''}`)} | ${e.weight}% | ${share} | ${Number(e.rps.toFixed(3))} | ${e.success === undefined ? '–' : percent(e.success)} | ${tcpSent(e)} |`,
    );
  }
  return [...lines, ''];
}
