/**
 * The logger shape batchgate writes to: the one pino, bunyan-style and most Node loggers share —
 * structured fields first, then the message, and `child` to bind fields to every later line. Pass a
 * pino logger as it is.
 *
 * What batchgate logs: `error` for failures nobody else is told about (a launch outcome that could not
 * be recorded, a front's bug answered 500), `warn` for trouble an operator should see (a lost lease, a
 * metastore that stays unavailable, a launch that failed), `info` for rare life-cycle events (engine
 * started and closed, adoptions), `debug` for every request and submission. Never secrets: no
 * passwords, no conf values, no request bodies.
 *
 * @example
 * ```ts
 * import pino from 'pino'
 * const engine = await createEngine({ store, logger: pino({ level: 'info' }) })
 * ```
 */
export interface Logger {
  /** Per-request and per-submission lines; optional (a logger without it gets none). */
  debug?(fields: object, message?: string): void
  info(fields: object, message?: string): void
  warn(fields: object, message?: string): void
  error(fields: object, message?: string): void
  /** A logger that adds `bindings` to every line. */
  child(bindings: Record<string, unknown>): Logger
}
