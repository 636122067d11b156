import { BatchgateError } from '../errors/batchgate-error.js'
import { describeValue } from '../errors/describe-value.js'
import { ErrorCode } from '../errors/error-codes.js'

/** A handle is a hyphenated UUID: 36 characters. Longer strings are not even folded to lower case. */
const HANDLE_LENGTH = 36

/**
 * The key under which a session or operation handle is kept: the UUID in lower case (clients may send
 * it in upper case, as Java's `UUID.toString` never does but hand-written scripts might), or `undefined`
 * for a value that cannot be a handle (not a string, wrong length). Never throws.
 *
 * @example
 * ```ts
 * handleKey('6C7E3A4E-1F0B-4C52-9A57-2F1D3C4B5A69') // '6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69'
 * handleKey(Symbol('x')) // undefined
 * ```
 */
export function handleKey(value: unknown): string | undefined {
  return typeof value === 'string' && value.length === HANDLE_LENGTH ? value.toLowerCase() : undefined
}

/**
 * `SESSION_NOT_FOUND` for a handle the caller does not have: the same words whether it never existed,
 * was closed, idled out or belongs to someone else, so the answer tells nothing about other users.
 *
 * @example
 * ```ts
 * throw sessionNotFound(handle)
 * ```
 */
export function sessionNotFound(handle: unknown): BatchgateError {
  return new BatchgateError(
    ErrorCode.SESSION_NOT_FOUND,
    `you have no open session ${describeValue(handle)}: it was never opened, was closed or idled out, or is not yours`,
  )
}

/**
 * `OPERATION_NOT_FOUND` for a handle the caller does not have, worded like {@link sessionNotFound}.
 *
 * @example
 * ```ts
 * throw operationNotFound(handle)
 * ```
 */
export function operationNotFound(handle: unknown): BatchgateError {
  return new BatchgateError(
    ErrorCode.OPERATION_NOT_FOUND,
    `you have no open operation ${describeValue(handle)}: it was never started, was closed or idled out, or is not yours`,
  )
}
