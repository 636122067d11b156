import type { ErrorCode } from './error-codes.js'

/** Marks errors made by this library so {@link BatchgateError.is} works across duplicate package copies. */
const BATCHGATE_ERROR = Symbol.for('@batchgate/core/BatchgateError')

/** Options of a {@link BatchgateError}. */
export interface BatchgateErrorOptions {
  /** The underlying error, kept for diagnosis. */
  readonly cause?: unknown
  /** An SQL state for protocol front-ends (e.g. `HY106` for an unsupported fetch orientation). */
  readonly sqlState?: string
}

/**
 * Every error this library throws on purpose: a stable {@link ErrorCode}, a message a person can act on,
 * and the underlying error as `cause`.
 *
 * @example
 * ```ts
 * try {
 *   await engine.batches.submit(request, { user })
 * } catch (err) {
 *   if (BatchgateError.is(err, ErrorCode.INVALID_BATCH_ID)) return reply(400, err.message)
 *   throw err
 * }
 * ```
 */
export class BatchgateError extends Error {
  /** The stable code of this error. */
  readonly code: ErrorCode
  /** An SQL state, where the error maps onto one. */
  readonly sqlState: string | undefined
  readonly [BATCHGATE_ERROR] = true

  constructor(code: ErrorCode, message: string, options: BatchgateErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'BatchgateError'
    this.code = code
    this.sqlState = options.sqlState
  }

  /**
   * Whether `value` is a BatchgateError (optionally with the given code). Unlike `instanceof`, this holds
   * even when two copies of `@batchgate/core` are installed.
   */
  static is(value: unknown, code?: ErrorCode): value is BatchgateError {
    if (typeof value !== 'object' || value === null) return false
    if ((value as { [BATCHGATE_ERROR]?: unknown })[BATCHGATE_ERROR] !== true) return false
    return code === undefined || (value as BatchgateError).code === code
  }
}
