/**
 * A value given to the encoder does not fit its Thrift schema: a required field missing, a union with
 * no or several fields set, a value of the wrong type or out of range. The message names the field
 * (`TFetchResultsResp.results.columns[0].i64Val.values[3]: ...`). A programming error of the caller,
 * never of the peer.
 *
 * @example
 * ```ts
 * expect(() => encodeReply('CloseSession', 1, {} as TCloseSessionResp)).toThrow(ThriftEncodeError)
 * ```
 */
export class ThriftEncodeError extends Error {
  readonly code = 'THRIFT_ENCODE_ERROR'

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'ThriftEncodeError'
  }
}
