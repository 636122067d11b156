/**
 * The logger shape batchgate writes to: the one pino, bunyan-style and most Node loggers share —
 * structured fields first, then the message, and `child` to bind fields to every later line. Pass a
 * pino logger as it is.
 *
 * What batchgate logs: `error` for failures nobody else is told about (background failures such as a
 * launch outcome that could not be recorded, a front's bug answered 500), `warn` for trouble an
 * operator should see (a lost lease, a launch that failed, a Thrift framing error), `info` for rare
 * life-cycle events (engine started and closed, a lease acquired again, adoptions), `debug` for every
 * REST request and Thrift call and every launch that settled. A failing metastore call is the caller's
 * error (and the `batchgate:metastore` channel's), not a log line. Never secrets: no passwords, no conf
 * values, no request bodies.
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
