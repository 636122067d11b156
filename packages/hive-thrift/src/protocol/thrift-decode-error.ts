/**
 * A Thrift message could not be decoded: not TBinaryProtocol (strict), cut short, a wrong type for a
 * field, a union with no or several fields set, or a required field missing (named in the message).
 * The runtime's own error, when there was one, is the `cause`.
 *
 * @example
 * ```ts
 * try {
 *   call = decodeCall(message)
 * } catch (err) {
 *   if (ThriftDecodeError.is(err)) return encodeApplicationException('', 0, PROTOCOL_ERROR, err.message)
 *   throw err
 * }
 * ```
 */
export class ThriftDecodeError extends Error {
  readonly code = 'THRIFT_DECODE_ERROR'

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'ThriftDecodeError'
  }

  /** Whether `value` is a ThriftDecodeError (by name and code, so across package copies too). */
  static is(value: unknown): value is ThriftDecodeError {
    return (
      value instanceof Error &&
      value.name === 'ThriftDecodeError' &&
      (value as { code?: unknown }).code === 'THRIFT_DECODE_ERROR'
    )
  }
}
