import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NamespaceLink, NamespaceSummary, OverviewAnswer, OverviewPatch } from '../api/overview';
import { ZERO_COUNTS as ZERO } from '../graph/namespace-contribution';
import { applyOverviewPatch } from '../graph/overview-patch';
import { byLinkEnds, byNamespaceName, OVERVIEW_LIMITS, totalsOf } from '../graph/overview-tally';
import { ShownOverview } from './overview-shown';

const NAMES = ['a', 'b', 'c', 'd'];

/** What a person may see at one moment: some namespaces, their counts, links between them. */
const STATE = fc
  .record({
    listed: fc.subarray(NAMES),
    routes: fc.array(fc.nat(3), { minLength: NAMES.length, maxLength: NAMES.length }),
    problems: fc.array(fc.option(fc.nat(2), { nil: undefined }), {
      minLength: NAMES.length,
      maxLength: NAMES.length,
    }),
    links: fc.array(
      fc.record({
        source: fc.constantFrom(...NAMES),
        target: fc.constantFrom(...NAMES),
        kind: fc.constantFrom('route' as const, 'gateway' as const),
        count: fc.integer({ min: 1, max: 3 }),
      }),
      { maxLength: 5 },
    ),
  })
  .map(({ listed, routes, problems, links }) => {
    const namespaces: NamespaceSummary[] = listed
      .map((name) => {
        const i = NAMES.indexOf(name);
        const errors = problems[i];
        return {
          name,
          counts: { ...ZERO, virtualServices: 1, routes: routes[i] ?? 0 },
          nodes: 2,
          ...(errors !== undefined && { problems: { errors, warnings: 0 } }),
          gatewayFanIn: 0,
        };
      })
      .sort(byNamespaceName);
    const ends = new Map<string, NamespaceLink>();
    for (const link of links)
      if (link.source !== link.target && listed.includes(link.source) && listed.includes(link.target))
        ends.set(`${link.source}\n${link.target}\n${link.kind}`, link);
    return { namespaces, links: [...ends.values()].sort(byLinkEnds) };
  });
type State = { namespaces: NamespaceSummary[]; links: NamespaceLink[] };

/** Which end of a changed link the index marks (both, or only one of them). */
type Pick = (source: string, target: string, kind: string) => 'source' | 'target' | 'both';
const PICK: fc.Arbitrary<Pick> = fc.func(
  fc.constantFrom('source' as const, 'target' as const, 'both' as const),
);

/**
 * The namespaces an index marks between two states: those whose entry differs, and for each
 * link that differs one of its ends or both (a route's change marks its own namespace; a
 * namespace hidden or gone marks itself, not the far end of its links).
 */
function differing(before: State, after: State, pick: Pick): Set<string> {
  const entry = (state: State, name: string) =>
    JSON.stringify(state.namespaces.find((summary) => summary.name === name));
  const marked = new Set(NAMES.filter((name) => entry(before, name) !== entry(after, name)));
  const id = (link: NamespaceLink) => JSON.stringify(link);
  const ids = (state: State) => new Set(state.links.map(id));
  const [was, is] = [ids(before), ids(after)];
  for (const link of [...before.links, ...after.links]) {
    if (was.has(id(link)) && is.has(id(link))) continue;
    const end = pick(link.source, link.target, link.kind);
    if (end !== 'target') marked.add(link.source);
    if (end !== 'source') marked.add(link.target);
  }
  return marked;
}

/** The stream's full message for `changed` (what overviewPatchFor answers before narrowing). */
function fullPatch(state: State, changed: ReadonlySet<string>, sequence: number): OverviewPatch {
  const listed = new Set(state.namespaces.map((entry) => entry.name));
  return {
    sequence,
    namespaces: state.namespaces.filter((entry) => changed.has(entry.name)),
    removed: [...changed].filter((name) => !listed.has(name)).sort(),
    links: state.links.filter((link) => changed.has(link.source) || changed.has(link.target)),
  };
}

const answerOf = (state: State, sequence: number): OverviewAnswer => ({
  sequence,
  ...totalsOf(state.namespaces, OVERVIEW_LIMITS),
  ...state,
});

describe('ShownOverview: what a restricted person’s overview stream tells them', () => {
  it('keeps the browser’s overview equal to the person’s, sending nothing when nothing they see changed', () => {
    fc.assert(
      fc.property(
        STATE,
        STATE,
        fc.subarray(NAMES),
        fc.array(fc.tuple(STATE, fc.subarray(NAMES)), { minLength: 1, maxLength: 6 }),
        PICK,
        (read, first, extra, steps, pick) => {
          // The browser read `read`; the stream starts from `first`, and what changed in between
          // is stale, as the index tells it (at least what it marks, often more).
          const listed = new Set(first.namespaces.map((entry) => entry.name));
          const stale = new Set([...differing(read, first, pick), ...extra]);
          let browser = answerOf(read, 0);
          let shown = new ShownOverview(first, stale);
          // A namespace the browser holds that is no longer listed (deleted, or hidden from them
          // since) cannot be named to them: the browser is told to read the overview again.
          const unlisted = read.namespaces.some((entry) => !listed.has(entry.name));
          expect(shown.mayHoldUnlisted).toBe([...stale].some((name) => !listed.has(name)));
          if (unlisted) expect(shown.mayHoldUnlisted).toBe(true);
          let fresh = stale.size === 0;
          if (shown.mayHoldUnlisted) {
            browser = answerOf(first, 0);
            shown = new ShownOverview(first, new Set());
            stale.clear();
            fresh = true;
          }
          let now: State = first;
          const ever = new Set(listed);
          steps.forEach(([next, marked], i) => {
            // The index marks at least what changed, often more (a mesh config: everything).
            const changed = new Set([...differing(now, next, pick), ...marked, ...(i === 0 ? stale : [])]);
            now = next;
            const message = shown.narrow(fullPatch(next, changed, i + 1));
            const before = JSON.stringify([browser.namespaces, browser.links]);
            if (message) {
              for (const name of message.removed) expect(ever.has(name)).toBe(true);
              browser = applyOverviewPatch(browser, message);
            }
            for (const entry of next.namespaces) ever.add(entry.name);
            expect({ namespaces: browser.namespaces, links: browser.links }).toEqual(next);
            // A message is sent only when it changes what the browser draws (but for the first,
            // which sends the stale entries whatever they are: the browser's are not known).
            if (message && (i > 0 || fresh))
              expect(JSON.stringify([browser.namespaces, browser.links])).not.toBe(before);
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('sends nothing for a namespace whose only change was a link the browser already dropped with its far end', () => {
    // a and b visible, a -> b; b is hidden: removed [b] drops the link; then a mesh config marks
    // every namespace: a is what the browser holds, and nothing is sent.
    const a: NamespaceSummary = { ...ZERO_ENTRY, name: 'a' };
    const b: NamespaceSummary = { ...ZERO_ENTRY, name: 'b' };
    const link: NamespaceLink = { source: 'a', target: 'b', kind: 'route', count: 1 };
    const shown = new ShownOverview({ namespaces: [a, b], links: [link] }, new Set());
    const alone: State = { namespaces: [a], links: [] };
    expect(shown.narrow(fullPatch(alone, new Set(['b']), 1))).toEqual({
      sequence: 1,
      namespaces: [],
      removed: ['b'],
      links: [],
    });
    expect(shown.narrow(fullPatch(alone, new Set(['a', 'b', 'hidden']), 2))).toBeUndefined();
  });

  it('asks the browser to read again when a namespace it may hold is no longer listed, naming none', () => {
    const a: NamespaceSummary = { ...ZERO_ENTRY, name: 'a' };
    expect(new ShownOverview({ namespaces: [a], links: [] }, new Set(['gone'])).mayHoldUnlisted).toBe(true);
    expect(new ShownOverview({ namespaces: [a], links: [] }, new Set(['a'])).mayHoldUnlisted).toBe(false);
  });

  it('sends nothing for a mark of every namespace (a mesh config they may not read) that changed none', () => {
    const state: State = {
      namespaces: [{ name: 'shop', counts: ZERO, nodes: 0, gatewayFanIn: 0 }],
      links: [],
    };
    const shown = new ShownOverview(state, new Set());
    expect(shown.narrow(fullPatch(state, new Set(['shop', 'hidden']), 5))).toBeUndefined();
    const moved = { ...state, namespaces: [{ ...ZERO_ENTRY, counts: { ...ZERO, routes: 1 } }] };
    expect(shown.narrow(fullPatch(moved, new Set(['shop', 'hidden']), 6))).toEqual({
      sequence: 6,
      namespaces: moved.namespaces,
      removed: [],
      links: [],
    });
  });
});

const ZERO_ENTRY: NamespaceSummary = { name: 'shop', counts: ZERO, nodes: 0, gatewayFanIn: 0 };
