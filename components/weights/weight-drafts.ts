import { createKeyedStore } from './keyed-store';

/**
 * Weights under a person's finger, per route, before the write that carries them is done.
 * Every edge of the route and the inspector show them, so linked weights move together
 * at pointer speed while writes go out at a few per second.
 */
export const weightDrafts = createKeyedStore<readonly number[]>();
