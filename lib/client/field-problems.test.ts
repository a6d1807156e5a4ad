import { describe, expect, it } from 'vitest';
import { draftOf, pathId, pathParts, under } from './field-problems';

const target = { kind: 'VirtualService' as const, namespace: 'shop', name: 'checkout' };

describe('field paths', () => {
  it('reads the API server’s paths, list indexes and map keys alike', () => {
    expect(pathParts('spec.http[0].route[1].destination.port.number')).toEqual([
      'spec',
      'http',
      '0',
      'route',
      '1',
      'destination',
      'port',
      'number',
    ]);
    expect(pathParts('spec.workloadSelector.matchLabels[app.kubernetes.io/name]')).toEqual([
      'spec',
      'workloadSelector',
      'matchLabels',
      'app.kubernetes.io/name',
    ]);
  });

  it('reads a path relative to where a draft starts', () => {
    expect(under('spec.http[1].timeout', ['spec', 'http', 1])).toEqual(['timeout']);
    expect(under('spec.http[1].timeout', ['spec', 'http', 0])).toBeUndefined();
    expect(under('metadata.name', [])).toEqual(['metadata', 'name']);
  });

  it('gives a path written as text and as a list of keys the same identity', () => {
    expect(pathId('spec.http[2].timeout')).toBe(pathId(['spec', 'http', 2, 'timeout']));
    expect(pathId('spec.http[2].timeout')).not.toBe(pathId(['spec', 'http', 2, 'retries']));
    expect(pathId('spec.headers[x-user].exact')).toBe(pathId(['spec', 'headers', 'x-user', 'exact']));
  });
});

describe('draftOf', () => {
  it('places a route form at its route, a new route where it goes, an object form at spec', () => {
    const route = { timeout: '0s' };
    expect(draftOf({ kind: 'SetRoute', target, routeKind: 'http', routeIndex: 1, route })).toEqual({
      base: ['spec', 'http', 1],
      sent: route,
    });
    const rule = { timeouts: { request: '0s' } };
    expect(draftOf({ kind: 'SetRule', target, routeKind: 'rules', routeIndex: 2, rule })).toEqual({
      base: ['spec', 'rules', 2],
      sent: rule,
    });
    expect(draftOf({ kind: 'AddRoute', target, routeKind: 'http', index: 0, route })).toEqual({
      base: ['spec', 'http', 0],
      sent: route,
    });
    expect(draftOf({ kind: 'SetSpec', target, spec: { hosts: ['a'] } })).toEqual({
      base: ['spec'],
      sent: { hosts: ['a'] },
    });
    const object = { kind: 'VirtualService', metadata: { name: 'a' } };
    expect(draftOf({ kind: 'CreateObject', target, object })).toEqual({ base: [], sent: object });
    expect(draftOf({ kind: 'MoveRoute', target, routeKind: 'http', from: 0, to: 1 })).toBeUndefined();
  });
});
