import { describe, expect, it } from 'vitest';
import { sseStream } from './sse';

const turn = () => new Promise((resolve) => setImmediate(resolve));
const decoder = new TextDecoder();

describe('sseStream', () => {
  it('sends the reconnect delay first, then what the owner sends, and stops the owner once when the browser goes', async () => {
    const abort = new AbortController();
    let stopped = 0;
    const reader = sseStream(abort.signal, 1024, (channel) => {
      channel.text('data: a\n\n');
      channel.text('data: b\n\n');
      return () => {
        stopped++;
      };
    }).getReader();
    const first = await reader.read();
    // One turn of the event loop, one chunk.
    expect(decoder.decode(first.value)).toBe('retry: 1000\n\ndata: a\n\ndata: b\n\n');
    abort.abort();
    abort.abort();
    expect((await reader.read()).done).toBe(true);
    expect(stopped).toBe(1);
  });

  it('lets a browser that does not read go past its allowance, and stops the owner', async () => {
    let stopped = 0;
    let send: ((text: string) => void) | undefined;
    const stream = sseStream(new AbortController().signal, 1024, (channel) => {
      send = channel.text;
      return () => {
        stopped++;
      };
    });
    // Nothing reads: 64 KiB are buffered by the stream, then 1 KiB more is the allowance.
    for (let i = 0; i < 80 && stopped === 0; i++) {
      send?.(`data: ${'x'.repeat(1024)}\n\n`);
      await turn();
    }
    expect(stopped).toBe(1);
    const reader = stream.getReader();
    let done = false;
    while (!done) done = (await reader.read()).done ?? false;
  });

  it('an owner that closes while opening has what it started stopped', async () => {
    let stopped = 0;
    const reader = sseStream(new AbortController().signal, 1024, (channel) => {
      channel.close();
      return () => {
        stopped++;
      };
    }).getReader();
    expect(decoder.decode((await reader.read()).value)).toBe('retry: 1000\n\n');
    expect((await reader.read()).done).toBe(true);
    expect(stopped).toBe(1);
  });
});
