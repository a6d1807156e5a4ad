import 'server-only';
import pino, { type Logger } from 'pino';
import type { Env } from './config';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Anything that could hold a credential is replaced before a line is written: the callers
 * never log one on purpose, this is the second line of defence.
 */
export const REDACTED_PATHS = [
  'token',
  'idToken',
  'refreshToken',
  'cookie',
  'authorization',
  'secret',
  'password',
  '*.token',
  '*.idToken',
  '*.refreshToken',
  '*.cookie',
  '*.authorization',
  '*.secret',
  '*.password',
  'headers.cookie',
  'headers.authorization',
  'headers["set-cookie"]',
  'headers["x-weir-proxy-secret"]',
];

/** A JSON-lines logger at WEIR_LOG_LEVEL (default info) writing to `destination` (stdout). */
export function createLogger(env: Env = process.env, destination?: pino.DestinationStream): Logger {
  const level = env.WEIR_LOG_LEVEL || 'info';
  if (!LEVELS.includes(level)) {
    throw new Error(`WEIR_LOG_LEVEL must be one of ${LEVELS.join(', ')}, not "${level}"`);
  }
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'weir' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

// On globalThis: instrumentation.ts and the route handlers are bundled separately.
const KEY = Symbol.for('weir.log');

/** The process's logger. */
export function log(): Logger {
  const holder = globalThis as { [KEY]?: Logger };
  holder[KEY] ??= createLogger();
  return holder[KEY];
}
