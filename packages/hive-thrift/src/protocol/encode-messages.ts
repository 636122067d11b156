import thrift, { type Thrift as ThriftTypes } from 'thrift'
import { writeMessage, wrappedBody } from './message-writer.js'
import { SERVED_METHOD_SCHEMAS, STATUS_ONLY_RESULT, wrappersOf } from './schema/served-methods.js'
import type { Encodable, ServedMethod, ServedMethods, TStatus } from './tcliservice-types.js'

// Writing TCLIService messages on TBinaryProtocol (strict), as HiveServer2 and its clients exchange
// them: a CALL carries an args struct whose field 1 is the request, a REPLY a result struct whose
// field 0 is the response, an EXCEPTION a TApplicationException.

const { Thrift } = thrift
const { MessageType } = Thrift

/** Thrift's application exception types (the runtime's), for {@link encodeApplicationException}. */
export const TApplicationExceptionType = Thrift.TApplicationExceptionType
export type TApplicationExceptionType = ThriftTypes.TApplicationExceptionType

/**
 * Encodes the REPLY to a served method: the result struct with `response` as field 0.
 * Throws ThriftEncodeError (naming the field) when `response` does not fit the method's response struct.
 *
 * @example
 * ```ts
 * const reply = encodeReply('CloseSession', call.seqid, { status: { statusCode: TStatusCode.SUCCESS_STATUS } })
 * ```
 */
export function encodeReply<M extends ServedMethod>(
  method: M,
  seqid: number,
  response: Encodable<ServedMethods[M]['response']>,
): Buffer {
  const { result } = wrappersOf(method)
  const name = SERVED_METHOD_SCHEMAS[method].response.schema.name
  return writeMessage(method, MessageType.REPLY, seqid, wrappedBody(result, 'success', response, name))
}

/**
 * Encodes a REPLY to any TCLIService method holding only `status` (every TCLIService response's field 1):
 * how a method we do not serve is answered with an ERROR_STATUS a client understands.
 * (GetQueryId is the exception: its response has a string `queryId` as field 1 and no status.)
 *
 * @example
 * ```ts
 * encodeStatusReply('GetDelegationToken', call.seqid, { statusCode: TStatusCode.ERROR_STATUS, errorMessage: 'not supported' })
 * ```
 */
export function encodeStatusReply(method: string, seqid: number, status: TStatus): Buffer {
  return writeMessage(
    method,
    MessageType.REPLY,
    seqid,
    wrappedBody(STATUS_ONLY_RESULT, 'success', { status }, 'TStatusOnlyResp'),
  )
}

/**
 * Encodes an EXCEPTION message (Thrift's TApplicationException): for a name that is no TCLIService
 * method (`type` 1, UNKNOWN_METHOD) or a call that could not be decoded (7, PROTOCOL_ERROR).
 *
 * @example
 * ```ts
 * encodeApplicationException(call.method, call.seqid, TApplicationExceptionType.UNKNOWN_METHOD, `Invalid method name: '${call.method}'`)
 * ```
 */
export function encodeApplicationException(
  method: string,
  seqid: number,
  type: TApplicationExceptionType,
  message: string,
): Buffer {
  return writeMessage(method, MessageType.EXCEPTION, seqid, (out) => {
    const exception = new Thrift.TApplicationException(type, message)
    // The runtime's constructor sets `type` but its write sends `code` (field 2): without this the
    // type would be left out and the client would read UNKNOWN.
    exception.code = type
    exception.write(out)
  })
}

/**
 * Encodes a CALL of a served method (the client side): the args struct with `request` as field 1.
 *
 * @example
 * ```ts
 * const call = encodeCall('FetchResults', 7, { operationHandle, orientation: TFetchOrientation.FETCH_NEXT, maxRows: 1000 })
 * ```
 */
export function encodeCall<M extends ServedMethod>(
  method: M,
  seqid: number,
  request: Encodable<ServedMethods[M]['request']>,
): Buffer {
  const { args } = wrappersOf(method)
  const name = SERVED_METHOD_SCHEMAS[method].request.schema.name
  return writeMessage(method, MessageType.CALL, seqid, wrappedBody(args, 'req', request, name))
}
