import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '@/lib/mesh/history';
import type { MeshSnapshot } from '@/lib/mesh/types';
import { buildReport } from '../report/build-report';
import { reportMarkdown } from '../report/report-markdown';

const snapshot: MeshSnapshot = {
  sequence: 1,
  objects: {
    'VirtualService/shop/catalog': {
      kind: 'VirtualService',
      apiVersion: 'networking.istio.io/v1',
      metadata: { name: 'catalog', namespace: 'shop' },
      spec: { hosts: ['catalog'], http: [{ route: [{ destination: { host: 'catalog' } }] }] },
    },
  },
  sync: { backend: 'kube', source: 'test', demo: false, synced: true, syncedAt: '2026-03-03T14:00:00Z' },
};

const entry = (note: string, user = 'olivia.operator'): HistoryEntry => ({
  id: 'shop/catalog-1',
  object: { kind: 'VirtualService', namespace: 'shop', name: 'catalog' },
  user,
  time: '2026-03-03T14:02:00Z',
  source: 'weir',
  summary: note,
  note,
  routes: [],
});

const markdownWith = (note: string) =>
  reportMarkdown(
    buildReport({
      snapshot,
      findings: [],
      changes: [entry(note, note)],
      locks: {},
      namespaces: ['shop'],
      period: {},
      user: note,
      graph: { svg: '/api/report?format=svg', png: '/api/report?format=png', nodes: 1, edges: 0 },
    }),
    'iVBORw0KGgo=',
  );

// The lines Weir itself writes at the start of a line: its headings, list items, table rows
// and the one image definition at the end.
const OWN_LINE = /^(#{1,3} [a-zA-Z]|- [A-Z]|\| |\|---|[A-Z0-9]|!\[Routing graph\]\[graph\]$|$)/;

/** What a forged report would need: a line of its own, a remote image, raw HTML. */
function forgeries(md: string): string[] {
  const lines = md.split(/\r\n|[\n\r\u0085\u2028\u2029\v\f]/);
  const definition = '[graph]: data:image/png;base64,iVBORw0KGgo=';
  return [
    ...lines.filter((line, i) => !(OWN_LINE.test(line) || (i === lines.length - 2 && line === definition))),
    ...(md.match(/!\[[^\]]*\]\((?!data:)[^)]*\)|<img|<a /gi) ?? []),
    ...(md.match(/(^|[^\\])\[[^\]]*\]\(/g) ?? []),
  ];
}

describe('the Markdown report cannot be forged by a value (item 6)', () => {
  it.each([
    ['a lone CR', 'step 2\r# Approved by security\r[graph]: https://evil.example/graph.png'],
    ['CRLF', 'ok\r\n\r\n[graph]: https://evil.example/graph.png'],
    ['Unicode line separators', 'ok\u2028# Approved\u2029![x](https://evil.example/x.png)'],
    ['NEL, vertical tab, form feed', 'ok\u0085# A\v# B\f# C'],
    ['an inline remote image', '![graph](https://evil.example/x.png)'],
    ['a link', '[click](https://evil.example/)'],
    ['raw HTML', '<img src="https://evil.example/x.png">'],
  ])('%s in a note, a user name and a summary stays text on its own row', (_, note) => {
    const md = markdownWith(note);
    expect(forgeries(md)).toEqual([]);
    expect(md.split('\n').filter((line) => line.startsWith('[graph]:'))).toEqual([
      '[graph]: data:image/png;base64,iVBORw0KGgo=',
    ]);
  });

  it('whatever the text (property)', () => {
    const piece = fc.constantFrom(
      '\r',
      '\n',
      '\r\n',
      '\u2028',
      '\u2029',
      '\u0085',
      '\v',
      '\f',
      '# ',
      '[graph]: ',
      '![',
      '](',
      ')',
      ']',
      'https://evil.example/x.png',
      '<img src=x>',
      '|',
      '`',
      '*',
      '_',
      '\\',
      'text',
      ' ',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ unit: 'grapheme' })), { maxLength: 12 }), (parts) => {
        expect(forgeries(markdownWith(parts.join('')))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
