import { describe, expect, it } from 'vitest';
import { GATEWAY_API_KINDS } from '@/lib/mesh/gateway-api-types';
import { notServedNote } from './not-served';

describe('notServedNote', () => {
  it('says nothing when every kind is served', () => {
    expect(notServedNote(undefined)).toBeUndefined();
    expect(notServedNote([])).toBeUndefined();
  });
  it('names the Gateway API as absent when none of its kinds is served', () => {
    expect(notServedNote([...GATEWAY_API_KINDS])).toBe('no Gateway API here');
  });
  it('lists the kinds by their manifest names otherwise', () => {
    expect(notServedNote(['TCPRoute', 'TLSRoute'])).toBe('not served here: TCPRoute, TLSRoute');
    expect(notServedNote(['KubernetesGateway'])).toBe('not served here: Gateway');
  });
});
