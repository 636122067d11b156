import thrift, { type TProtocol, type Thrift as ThriftTypes } from 'thrift'
import { writeMessage, wrappedBody } from './message-writer.js'
import { toDecodeError } from './path-failure.js'
import {
  SERVED_METHOD_SCHEMAS,
  STATUS_ONLY_RESPONSE,
  argsSchema,
  isServedMethod,
  resultSchema,
} from './schema/served-methods.js'
import type { StructSpec } from './schema/thrift-schema.js'
import { readStruct } from './struct-reader.js'
import type {
  Encodable,
  ServedMethod,
  ServedMethods,
  TStatus,
  ThriftCall,
  ThriftReply,
} from './tcliservice-types.js'
import { ThriftDecodeError } from './thrift-decode-error.js'

// The TCLIService messages on TBinaryProtocol (strict), as HiveServer2 and its clients exchange them:
// a CALL carries an args struct whose field 1 is the request, a REPLY a result struct whose field 0
// is the response, an EXCEPTION a TApplicationException.

const { TBinaryProtocol, TFramedTransport, Thrift } = thrift
const { MessageType } = Thrift

/** Thrift's application exception types (the runtime's), for {@link encodeApplicationException}. */
export const TApplicationExceptionType = Thrift.TApplicationExceptionType
export type TApplicationExceptionType = ThriftTypes.TApplicationExceptionType

interface Wrappers {
  readonly args: StructSpec
  readonly result: StructSpec
}

/** The args and result wrapper of each served method, built once. */
const WRAPPERS = new Map<string, Wrappers>(
  Object.entries(SERVED_METHOD_SCHEMAS).map(([method, { request, response }]) => [
    method,
    { args: argsSchema(request), result: resultSchema(response) },
  ]),
)
const STATUS_ONLY_RESULT = resultSchema(STATUS_ONLY_RESPONSE)

function wrappersOf(method: string): Wrappers {
  const wrappers = WRAPPERS.get(method)
  if (wrappers === undefined) throw new TypeError(`${method} is not a TCLIService method this codec serves`)
  return wrappers
}

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

/**
 * Decodes one whole CALL (or ONEWAY) message. A served method's request is decoded and checked (a
 * missing required field is an error naming it); any other method's args are skipped over and
 * `served` is false. Throws ThriftDecodeError when the bytes are not such a message.
 *
 * @example
 * ```ts
 * const call = decodeCall(message)
 * if (call.served && call.method === 'ExecuteStatement') run(call.args.statement)
 * ```
 */
export function decodeCall(message: Buffer): ThriftCall {
  let root = 'message'
  try {
    const input = protocolOver(message)
    const header = input.readMessageBegin()
    const method = header.fname
    const seqid = header.rseqid
    const type = header.mtype as number
    if (type !== (MessageType.CALL as number) && type !== (MessageType.ONEWAY as number)) {
      throw new ThriftDecodeError(
        `${method}: expected a call (message type 1 or 4), got message type ${type}`,
      )
    }
    if (!isServedMethod(method)) {
      input.skip(Thrift.Type.STRUCT)
      return { method, seqid, served: false }
    }
    root = SERVED_METHOD_SCHEMAS[method].request.schema.name
    const args = readBody(input, wrappersOf(method).args, 'req', true)
    return { method, seqid, served: true, args } as ThriftCall
  } catch (err) {
    throw toDecodeError(err, root)
  }
}

/**
 * Decodes one whole REPLY to a served method, or an EXCEPTION message, (the client side).
 * Throws ThriftDecodeError when the bytes are neither, or the reply holds no response.
 *
 * @example
 * ```ts
 * const reply = decodeReply(bytes)
 * if (reply.kind === 'reply' && reply.method === 'FetchResults') rows(reply.response.results)
 * ```
 */
export function decodeReply(message: Buffer): ThriftReply {
  let root = 'message'
  try {
    const input = protocolOver(message)
    const header = input.readMessageBegin()
    const method = header.fname
    const seqid = header.rseqid
    const type = header.mtype as number
    if (type === (MessageType.EXCEPTION as number)) {
      const exception = new Thrift.TApplicationException()
      exception.read(input)
      const fields = exception as unknown as { type?: unknown; message?: unknown }
      return {
        kind: 'exception',
        method,
        seqid,
        type: typeof fields.type === 'number' ? fields.type : 0,
        message: typeof fields.message === 'string' ? fields.message : '',
      }
    }
    if (type !== (MessageType.REPLY as number)) {
      throw new ThriftDecodeError(
        `${method}: expected a reply (message type 2 or 3), got message type ${type}`,
      )
    }
    if (!isServedMethod(method))
      throw new ThriftDecodeError(`${method}: not a TCLIService method this codec serves`)
    root = SERVED_METHOD_SCHEMAS[method].response.schema.name
    const response = readBody(input, wrappersOf(method).result, 'success', false)
    return { kind: 'reply', method, seqid, response } as ThriftReply
  } catch (err) {
    throw toDecodeError(err, root)
  }
}

function protocolOver(message: Buffer): TProtocol {
  // TFramedTransport over a whole message reads it in place (no frame header is read: that is only its receiver's job).
  return new TBinaryProtocol(new TFramedTransport(message), true, true)
}

/** Reads the args/result wrapper struct and returns its one field. */
function readBody(input: TProtocol, wrapper: StructSpec, fieldName: string, required: boolean): unknown {
  let body: Record<string, unknown>
  try {
    body = readStruct(input, wrapper.schema)
  } catch (err) {
    const path = (err as { path?: unknown }).path
    if (Array.isArray(path) && path[0] === fieldName) path.shift()
    throw err
  }
  input.readMessageEnd()
  const value = body[fieldName]
  if (value === undefined) {
    throw new ThriftDecodeError(
      required
        ? `${wrapper.schema.name}: the request (field 1) is missing`
        : `${wrapper.schema.name}: the reply holds no response (field 0)`,
    )
  }
  return value
}
