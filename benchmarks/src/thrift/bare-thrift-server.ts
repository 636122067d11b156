import { createServer, type Server, type Socket } from 'node:net'
import {
  decodeCall,
  encodeReply,
  encodeStatusReply,
  messageLength,
  TStatusCode,
  type Encodable,
  type TFetchResultsResp,
  type TRowSet,
} from '@batchgate/hive-thrift'
import { runtimeBlock, runtimeFetchReply } from './runtime-fetch-reply.js'
import { firstBlockColumns } from './thrift-rows.js'

/** The largest message the bare server reads, as a real server bounds it. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024

/**
 * How the bare server encodes its FetchResults reply: `codec` with our `encodeReply` (which packs scalar
 * lists itself: the stricter baseline), `runtime` as the `thrift` runtime's generated code would (one
 * `writeI64` / `writeString` per element, see `runtime-fetch-reply.ts`: the baseline).
 */
export type BareEncoding = 'codec' | 'runtime'

/**
 * The prepared reply of the bare server, as the codec's value, and the same block in the runtime's
 * representation.
 */
export function preparedFetchReply(
  encoding: BareEncoding,
): (seqid: number, startRowOffset: number) => Buffer {
  const { ids, names } = firstBlockColumns()
  if (encoding === 'runtime') {
    const block = runtimeBlock(ids, names)
    return (seqid, startRowOffset) => runtimeFetchReply(seqid, startRowOffset, block)
  }
  const nulls = Buffer.alloc(0)
  const columns: TRowSet['columns'] = [
    { i64Val: { values: ids, nulls } },
    { stringVal: { values: names, nulls } },
  ]
  return (seqid, startRowOffset) => {
    const response: Encodable<TFetchResultsResp> = {
      status: { statusCode: TStatusCode.SUCCESS_STATUS },
      hasMoreRows: true,
      results: { startRowOffset, rows: [], columns },
    }
    return encodeReply('FetchResults', seqid, response)
  }
}

/**
 * A baseline of the FetchResults figures: a bare `node:net` server on the same port framing as
 * `thriftBinaryServer` (SASL PLAIN then 4-byte frames, or bare NOSASL messages, told apart by the first
 * byte), that decodes each call with the same codec and answers every FetchResults with a prepared
 * `TFetchResultsResp` holding the same 1,000 rows in the same columnar `TRowSet` (the first block of the
 * engine's result). Each reply is **encoded anew**, by the same codec over the same `thrift` runtime
(`codec`) or by the runtime alone as generated code writes it (`runtime`) —
 * what it saves is the engine: no session or operation lookup, no cursor, no conversion of rows into
 * columns. Only `startRowOffset` moves, by a per-connection counter. Any other call answers an ERROR
 * status.
 *
 * @example
 * ```ts
 * bareThriftServer('runtime').listen(0, '127.0.0.1')
 * ```
 */
export function bareThriftServer(encoding: BareEncoding): Server {
  const { ids } = firstBlockColumns()
  const reply = preparedFetchReply(encoding)
  return createServer((socket) => {
    let position = 0
    const answer = (message: Buffer): Buffer => {
      const call = decodeCall(message)
      if (!call.served || call.method !== 'FetchResults') {
        return encodeStatusReply(call.method, call.seqid, {
          statusCode: TStatusCode.ERROR_STATUS,
          errorMessage: `the bare server answers FetchResults only, not ${call.method}`,
        })
      }
      const bytes = reply(call.seqid, position)
      position += ids.length
      return bytes
    }
    serveMessages(socket, answer)
  })
}

/** Reads messages in the framing the first byte announces and writes each answer in the same framing. */
function serveMessages(socket: Socket, answer: (message: Buffer) => Buffer): void {
  let pending: Buffer = Buffer.alloc(0)
  let framing: 'handshake' | 'sasl' | 'nosasl' | undefined
  socket.setNoDelay(true)
  socket.on('error', () => socket.destroy())
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
    if (pending.length > MAX_MESSAGE_BYTES + 5) {
      socket.destroy()
      return
    }
    framing ??= pending[0] === 0x01 ? 'handshake' : 'nosasl'
    for (;;) {
      if (framing === 'handshake') {
        // START (mechanism) then OK (\0user\0password): two SASL frames of 1 + 4 + n bytes.
        const first = saslFrameLength(pending, 0)
        const second = first === undefined ? undefined : saslFrameLength(pending, first)
        if (first === undefined || second === undefined) return
        pending = pending.subarray(first + second)
        socket.write(Buffer.from([0x05, 0, 0, 0, 0]))
        framing = 'sasl'
      } else if (framing === 'sasl') {
        if (pending.length < 4) return
        const length = pending.readUInt32BE(0)
        if (length > MAX_MESSAGE_BYTES) {
          socket.destroy()
          return
        }
        if (pending.length < 4 + length) return
        const reply = answer(pending.subarray(4, 4 + length))
        pending = pending.subarray(4 + length)
        const header = Buffer.allocUnsafe(4)
        header.writeUInt32BE(reply.length, 0)
        // One writev of header and reply, as thriftBinaryServer writes a frame.
        socket.cork()
        socket.write(header)
        socket.write(reply)
        socket.uncork()
      } else {
        const length = pending.length === 0 ? undefined : messageLength(pending)
        if (length === undefined) return
        const reply = answer(pending.subarray(0, length))
        pending = pending.subarray(length)
        socket.write(reply)
      }
    }
  })
}

function saslFrameLength(buffer: Buffer, offset: number): number | undefined {
  if (buffer.length < offset + 5) return undefined
  const length = 5 + buffer.readUInt32BE(offset + 1)
  return buffer.length < offset + length ? undefined : length
}
