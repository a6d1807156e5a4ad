import { describe, expect, it } from 'vitest';
import { signInProblemCode } from '../../../tools/test/sign-in-problem-code';
import { FLOW_TTL_MS, PendingSignIns } from './oidc-flows';

const flow = { state: 'state-1', nonce: 'nonce-1', codeVerifier: 'verifier-1', next: '/?namespace=shop' };

describe('PendingSignIns', () => {
  it('gives back the flow the browser started, for its own state, once', () => {
    const flows = new PendingSignIns();
    const id = flows.begin(flow);
    expect(id).toMatch(/^[\w-]{40,}$/);
    expect(flows.take(id, 'state-1')).toMatchObject(flow);
    expect(signInProblemCode(() => flows.take(id, 'state-1'))).toBe('flow_expired');
  });

  it('refuses another state, and the flow is used up by the attempt', () => {
    const flows = new PendingSignIns();
    const id = flows.begin(flow);
    expect(signInProblemCode(() => flows.take(id, 'state-2'))).toBe('flow_expired');
    expect(signInProblemCode(() => flows.take(id, 'state-1'))).toBe('flow_expired');
  });

  it('refuses a callback without the cookie or without a state', () => {
    const flows = new PendingSignIns();
    const id = flows.begin(flow);
    expect(signInProblemCode(() => flows.take(undefined, 'state-1'))).toBe('flow_expired');
    expect(signInProblemCode(() => flows.take(id, null))).toBe('flow_expired');
  });

  it('refuses a flow older than ten minutes and forgets old ones', () => {
    let now = 0;
    const flows = new PendingSignIns(() => now);
    const id = flows.begin(flow);
    now = FLOW_TTL_MS + 1;
    expect(signInProblemCode(() => flows.take(id, 'state-1'))).toBe('flow_expired');
    flows.begin(flow);
    now += FLOW_TTL_MS + 1;
    flows.begin(flow);
    expect(flows.size).toBe(1);
  });
});
