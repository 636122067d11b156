import { BatchgateError } from '../errors/batchgate-error.js'
import { describeValue } from '../errors/describe-value.js'
import { ErrorCode } from '../errors/error-codes.js'

/**
 * Runs `read` over untrusted input (a host may hand over a Proxy or an object with getters). A getter
 * or trap that throws becomes `INVALID_REQUEST` naming `what`, with the thrown value as `cause`.
 *
 * @example
 * ```ts
 * const user = readUntrusted('the request context', () => (isPlainObject(context) ? context.user : undefined))
 * ```
 */
export function readUntrusted<T>(what: string, read: () => T): T {
  try {
    return read()
  } catch (error) {
    if (BatchgateError.is(error)) throw error
    throw new BatchgateError(ErrorCode.INVALID_REQUEST, `${what} could not be read`, { cause: error })
  }
}

/**
 * Whether `value` is a plain object (prototype `Object.prototype` or `null`), as JSON parsing makes.
 * Its prototype is read, which a Proxy may trap: call it inside {@link readUntrusted}.
 *
 * @example
 * ```ts
 * isPlainObject(JSON.parse('{"a":1}')) // true
 * isPlainObject([]) // false
 * ```
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/**
 * A plain copy of an untrusted array, each element read exactly once: its `length` once, then every
 * index in order (holes read as `undefined`). Its own iterator is never used, so an array subclass or
 * a Proxy cannot show the check one list and the store another. More than `max` elements is
 * `INVALID_REQUEST` before any element is read.
 *
 * @example
 * ```ts
 * const args = snapshotArray(request.args, 'args', limits.maxArgs) // then validate and store `args`
 * ```
 */
export function snapshotArray(value: readonly unknown[], field: string, max: number): unknown[] {
  return readUntrusted(field, () => {
    const length: unknown = value.length
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
      throw invalidRequest(`${field} has no valid length, got ${describeValue(length)}`)
    }
    if (length > max) {
      throw invalidRequest(`${field} has ${length} elements, more than the limit of ${max}`)
    }
    const copy: unknown[] = []
    for (let index = 0; index < length; index++) copy.push(value[index])
    return copy
  })
}

function invalidRequest(message: string): BatchgateError {
  return new BatchgateError(ErrorCode.INVALID_REQUEST, message)
}
