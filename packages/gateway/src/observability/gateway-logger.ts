/// <reference types="node" preserve="true" />
import { isatty } from 'node:tty'
import { pino, type Logger as PinoLogger } from 'pino'
import pretty from 'pino-pretty'
import type { LogFormat, LogLevel } from '../cli/gateway-flags.js'

/** Options of {@link createGatewayLogger}. */
export interface GatewayLoggerOptions {
  readonly level: LogLevel
  /** `undefined`: `pretty` when the file descriptor is a terminal, else `json`. */
  readonly format: LogFormat | undefined
  /** The file descriptor written to (default 2, stderr: stdout carries the readiness lines). */
  readonly fd?: number | undefined
}

/**
 * Paths pino censors in every line, in case a caller ever logs a request or an option object whole:
 * the fronts and core log none of them (no passwords, no conf values, no bodies), this is the backstop.
 */
export const REDACTED_PATHS: readonly string[] = Object.freeze([
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'password',
  '*.password',
  'conf',
  '*.conf',
  'batchConf',
  '*.batchConf',
])

/**
 * The gateway's pino logger: synchronous writes to stderr (nothing is lost when the process exits right
 * after a line), JSON or pino-pretty's text (its synchronous stream, not a worker-thread transport),
 * with {@link REDACTED_PATHS} censored.
 *
 * @example
 * ```ts
 * const logger = createGatewayLogger({ level: 'debug', format: 'json' })
 * logger.info({ url: 'http://127.0.0.1:10099' }, 'rest front listening')
 * ```
 */
export function createGatewayLogger(options: GatewayLoggerOptions): PinoLogger {
  const fd = options.fd ?? 2
  const terminal = isatty(fd)
  const format = options.format ?? (terminal ? 'pretty' : 'json')
  const destination =
    format === 'pretty'
      ? pretty({ destination: fd, sync: true, colorize: terminal })
      : pino.destination({ dest: fd, sync: true })
  return pino(
    {
      name: 'batchgate-gateway',
      level: options.level,
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    },
    destination,
  )
}
