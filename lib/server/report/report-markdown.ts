import 'server-only';
import type { RoutingReport } from './build-report';

// Every value from the mesh, the history or the request is text: markup in it must show as
// typed in a viewer that renders HTML, and a line break must not start a new Markdown block.
const text = (value: string | number) =>
  String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');

// Table cells: a pipe too would break the row.
const cell = (value: string | number) => text(value).replace(/\|/g, '\\|');

// A code span shows its text literally (an entity would show as typed); only a backtick ends it.
const code = (value: string) => `\`${value.replace(/`/g, '%60')}\``;

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
        `| ${cell(s.port)} | ${cell(s.protocol)} | ${cell(s.hosts.join(', '))} | ${cell(s.tls ?? '—')} |`,
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
      const also = cell(route.also.join('; ') || '—');
      if (route.destinations.length === 0)
        lines.push(`| ${cell(label)} | ${cell(route.match)} | — | — | ${also} |`);
      route.destinations.forEach((d, i) => {
        const where = `${d.host}${d.subset ? ` / ${d.subset}` : ''}${d.port ? ` :${d.port}` : ''}`;
        lines.push(
          i === 0
            ? `| ${cell(label)} | ${cell(route.match)} | ${cell(where)} | ${cell(d.weight)}% | ${also} |`
            : `| | | ${cell(where)} | ${cell(d.weight)}% | |`,
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
        `| ${cell(`${dr.namespace}/${dr.name}`)} | ${cell(dr.host)} | ${cell(subsets.join('; ') || '—')} |`,
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
        `| ${cell(f.severity)} | ${cell(f.code)} | ${cell(`${f.ref.kind} ${f.ref.namespace}/${f.ref.name}`)} | ${cell(f.message)} |`,
      );
    }
    lines.push('');
  }

  lines.push('## Changes', '');
  if (report.changes.length === 0) lines.push('None recorded in the period.', '');
  else {
    lines.push('| time | who | object | change | note |', '|---|---|---|---|---|');
    for (const c of report.changes) {
      const who = c.source === 'external' ? `${c.user} (outside Weir)` : c.user;
      lines.push(
        `| ${cell(c.time)} | ${cell(who)} | ${cell(`${c.object.kind} ${c.object.namespace}/${c.object.name}`)} | ${cell(c.summary)} | ${cell(c.note ?? '')} |`,
      );
    }
    lines.push('');
  }
  if (graphPng) lines.push(`[graph]: data:image/png;base64,${graphPng}`, '');
  return lines.join('\n');
}
