import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).trim().split('\n'));
      done();
    },
  });
  return { lines, destination };
}

describe('logs', () => {
  it('writes one JSON object per line, with the level by name and an ISO time', () => {
    const { lines, destination } = capture();
    createLogger({}, destination).info({ requestId: 'r-1', route: '/api/graph', status: 200 }, 'request');
    const line = JSON.parse(lines[0] ?? '{}');
    expect(line).toMatchObject({
      level: 'info',
      service: 'weir',
      requestId: 'r-1',
      status: 200,
      msg: 'request',
    });
    expect(Number.isNaN(Date.parse(line.time))).toBe(false);
  });

  it('never writes a token, cookie or secret, even when one is handed to it', () => {
    const { lines, destination } = capture();
    createLogger({}, destination).info(
      {
        token: 'eyJhbGciOiJSUzI1NiJ9.secret-token',
        session: { idToken: 'id-token-value', refreshToken: 'refresh-value' },
        headers: { cookie: 'weir_session=abc123', authorization: 'Bearer eyJ-bearer' },
        config: { secret: 'client-secret-value' },
      },
      'write',
    );
    const text = lines.join('\n');
    for (const secret of [
      'secret-token',
      'id-token-value',
      'refresh-value',
      'abc123',
      'eyJ-bearer',
      'client-secret-value',
    ])
      expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });

  it('takes its level from WEIR_LOG_LEVEL and refuses a level that does not exist', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ WEIR_LOG_LEVEL: 'warn' }, destination);
    logger.info('hidden');
    logger.warn('shown');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['shown']);
    expect(() => createLogger({ WEIR_LOG_LEVEL: 'loud' })).toThrow(
      /WEIR_LOG_LEVEL must be one of .*not "loud"/,
    );
  });
});
