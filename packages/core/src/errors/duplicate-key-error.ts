import { BatchgateError } from './batchgate-error.js'
import { ErrorCode } from './error-codes.js'
import { findInCauseChain } from './cause-chain.js'

/**
 * The signal a metastore gives core when an insert hit the unique key: the row already exists.
 * Each store builds it from its driver's error code (never from message text) and keeps the driver's
 * error as `cause`. Callers of `submit` never see it: the batch service turns it into a duplicate answer.
 *
 * @example
 * ```ts
 * if (driverError.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new DuplicateKeyError('batch', id, driverError)
 * ```
 */
export class DuplicateKeyError extends BatchgateError {
  constructor(
    /** What kind of row collided (e.g. `batch`). */
    readonly entity: string,
    /** The key value that already exists. */
    readonly key: string,
    cause?: unknown,
  ) {
    super(ErrorCode.DUPLICATE_KEY, `a ${entity} with key ${key} already exists`, { cause })
    this.name = 'DuplicateKeyError'
  }
}

/**
 * Whether `error`, or any error in its `cause` chain, is a {@link DuplicateKeyError}.
 *
 * @example
 * ```ts
 * try { await store.insertBatch(record) } catch (err) { if (isDuplicateKeyError(err)) return readStored() }
 * ```
 */
export function isDuplicateKeyError(error: unknown): boolean {
  return findInCauseChain(error, (e) => BatchgateError.is(e, ErrorCode.DUPLICATE_KEY)) !== undefined
}
