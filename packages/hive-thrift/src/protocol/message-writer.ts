import thrift, { type TProtocol, type Thrift } from 'thrift'
import { toEncodeError } from './path-failure.js'
import type { StructSpec } from './schema/thrift-schema.js'
import { writeStruct } from './struct-writer.js'

// One whole TBinaryProtocol message (strict: version 0x80010000 | type, name, seqid, then the body
// struct) written with the runtime's protocol into a TBufferedTransport whose flush joins every
// written piece into one Buffer, once: linear in the message's size however many pieces it has.

const { TBinaryProtocol, TBufferedTransport } = thrift

/** Writes a message whose body is `body(out)`, and returns its bytes. */
export function writeMessage(
  name: string,
  type: Thrift.MessageType,
  seqid: number,
  body: (out: TProtocol) => void,
): Buffer {
  let message: Buffer | undefined
  const transport = new TBufferedTransport(undefined, (bytes) => {
    message = bytes
  })
  const out = new TBinaryProtocol(transport, false, true)
  out.writeMessageBegin(name, type, seqid)
  body(out)
  out.writeMessageEnd()
  out.flush()
  if (message === undefined) throw new Error('the Thrift transport flushed no message')
  return message
}

/** A body that is one struct of `wrapper` (args or result) holding `value` as its one field. */
export function wrappedBody(
  wrapper: StructSpec,
  fieldName: string,
  value: unknown,
  root: string,
): (out: TProtocol) => void {
  return (out) => {
    try {
      writeStruct(out, wrapper.schema, { [fieldName]: value })
    } catch (err) {
      throw toEncodeError(rootedAtField(err, fieldName), root)
    }
  }
}

/** Paths start at the wrapper's field (`req`, `success`): drop it, the root names the struct itself. */
function rootedAtField(err: unknown, fieldName: string): unknown {
  const path = (err as { path?: unknown }).path
  if (Array.isArray(path) && path[0] === fieldName) path.shift()
  return err
}
