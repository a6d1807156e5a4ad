/** One Server-Sent Events message with data (`event` is `message` unless the block names one). */
export interface SseMessage {
  event: string;
  data: string;
}

/**
 * Reads an SSE body message by message: `next(ms)` answers the next block with data (comments,
 * heartbeats and retry lines skipped), or undefined when none came within `ms` or the body ended.
 */
export function sseMessages(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  // A read that outlived its wait is kept for the next call: racing a fresh read against a
  // timer and dropping the loser would drop the chunk it brings (and a test that waits for
  // nothing to arrive would pass on a message it never saw).
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  const next = async (ms = 5_000): Promise<SseMessage | undefined> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const end = buffered.indexOf('\n\n');
      if (end >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const lines = block.split('\n');
        const data = lines
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice(6))
          .join('\n');
        const event = lines.find((line) => line.startsWith('event: '))?.slice(7) ?? 'message';
        if (data) return { event, data };
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      pending ??= reader.read();
      let stopTimer = () => {};
      const chunk = await Promise.race([
        pending,
        new Promise<undefined>((resolve) => {
          const timer = setTimeout(resolve, left);
          stopTimer = () => clearTimeout(timer);
        }),
      ]);
      stopTimer();
      if (!chunk) return undefined;
      pending = undefined;
      if (chunk.done) return undefined;
      buffered += decoder.decode(chunk.value, { stream: true });
    }
  };
  return { next, cancel: () => void reader.cancel().catch(() => {}) };
}
