import { describe, expect, it } from 'vitest';
import { createListeners } from './external-store';

describe('createListeners', () => {
  it('calls every listener on notify until it unsubscribes', () => {
    const { subscribe, notify } = createListeners();
    const calls: string[] = [];
    const stopA = subscribe(() => calls.push('a'));
    subscribe(() => calls.push('b'));
    notify();
    stopA();
    notify();
    expect(calls).toEqual(['a', 'b', 'b']);
  });

  it('lets a listener unsubscribe while it is being notified', () => {
    const { subscribe, notify } = createListeners();
    const calls: string[] = [];
    const stop = subscribe(() => {
      calls.push('once');
      stop();
    });
    subscribe(() => calls.push('always'));
    notify();
    notify();
    expect(calls).toEqual(['once', 'always', 'always']);
  });
});
