import { describe, expect, it } from 'vitest';
import { send, WRITE_ENDPOINTS, type WriteEndpoint, withUnchangedDemoFolder } from './attack-kit';

const weights = (values: unknown) =>
  JSON.stringify({
    change: {
      kind: 'SetWeights',
      target: { kind: 'VirtualService', namespace: 'shop', name: 'catalog' },
      routeKind: 'http',
      routeIndex: 0,
      weights: values,
    },
    resourceVersion: '1',
  });

describe('request guards, on every write endpoint (files backend)', () => {
  withUnchangedDemoFolder();

  const endpoints = Object.keys(WRITE_ENDPOINTS) as WriteEndpoint[];
  // The routes that read a body in every auth mode (sign-in reads one only with WEIR_AUTH=token).
  const withBody: WriteEndpoint[] = ['/api/changes', '/api/preview', '/api/export'];

  it.each(withBody)(
    '%s: a 10,000-deep body is 422 naming the body, not a stack overflow (item 8)',
    async (path) => {
      const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
      const { status, json } = await send(path, `{"change":${deep}}`);
      expect(status).toBe(422);
      expect(json.error?.message).toMatch(/nests deeper than 64 levels/);
      expect(json.error?.fields).toEqual([expect.objectContaining({ path: 'body' })]);
    },
  );

  it.each(withBody)('%s: a 10 MB body is 413 with a sentence, never read (item 9)', async (path) => {
    const { status, json } = await send(
      path,
      weights([50, 50]).replace('"1"', `"${'x'.repeat(10_000_000)}"`),
    );
    expect(status).toBe(413);
    expect(json.error?.message).toBe('the request body is larger than 1 MiB, the most Weir accepts');
  });

  it.each(endpoints)('%s: Origin: null is 403 (item 10)', async (path) => {
    const { status, json } = await send(path, weights([50, 50]), { origin: 'null' });
    expect(status).toBe(403);
    expect(json.error?.message).toBe('cross-origin request from "null" refused');
  });

  it.each(endpoints)('%s: an Origin that is no address is 403', async (path) => {
    expect((await send(path, weights([50, 50]), { origin: '::not a url' })).status).toBe(403);
  });

  it('a wrong type in a change is 422 naming that field (item 11)', async () => {
    const { status, json } = await send('/api/changes', weights(['fifty', 50]));
    expect(status).toBe(422);
    expect(json.error?.message).toBe('change.weights[0]: expected a number, got "fifty"');
    expect(json.error?.fields).toEqual([
      { path: 'change.weights[0]', message: 'expected a number, got "fifty"' },
    ]);
  });

  it('an unknown change kind is 422 naming change.kind and the kinds there are', async () => {
    const { status, json } = await send('/api/preview', JSON.stringify({ change: { kind: 'Nope' } }));
    expect(status).toBe(422);
    expect(json.error?.message).toMatch(
      /^change\.kind: expected one of "SetWeights", .*"CreateObject", "DeleteObject", "ChangeSet"$/,
    );
  });

  it('a body that is not an object is 422 naming the body', async () => {
    const { status, json } = await send('/api/export', '5');
    expect(status).toBe(422);
    expect(json.error?.message).toBe('body: expected an object, got 5');
  });
});
