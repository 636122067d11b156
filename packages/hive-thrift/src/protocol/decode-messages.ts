import thrift, { type TProtocol } from 'thrift'
import { toDecodeError } from './path-failure.js'
import { SERVED_METHOD_SCHEMAS, isServedMethod, wrappersOf } from './schema/served-methods.js'
import type { StructSpec } from './schema/thrift-schema.js'
import { readStruct } from './struct-reader.js'
import type { ThriftCall, ThriftReply } from './tcliservice-types.js'
import { ThriftDecodeError } from './thrift-decode-error.js'

// Reading TCLIService messages on TBinaryProtocol (strict): a whole CALL (server side) or a whole
// REPLY or EXCEPTION (client side), each from one Buffer.

const { TBinaryProtocol, TFramedTransport, Thrift } = thrift
const { MessageType } = Thrift

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
