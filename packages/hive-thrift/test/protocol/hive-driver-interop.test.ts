import { describe, expect, it } from 'vitest'
import {
  decodeCall,
  decodeReply,
  encodeCall,
  encodeReply,
  type ServedMethod,
} from '../../src/protocol/index.js'
import { EXCHANGES, SERVED_METHODS } from './helpers/fixtures.js'
import {
  theirRuntime,
  theirRuntimeVersion,
  theirService,
  withTheirInt64,
  type Callback,
  type GeneratedProtocol,
} from './helpers/hive-driver-generated.js'
import { plain } from './helpers/plain.js'

// Our codec against hive-driver's generated TCLIService code on its own thrift runtime, both ways:
// what we encode, they decode to the same values, and the other way round, for every served method.

/** Runs one message through their Processor (server side) with a handler that answers `response`. */
function theirServerAnswers(
  method: ServedMethod,
  call: Buffer,
  response: unknown,
): { request: unknown; reply: Buffer } {
  let request: unknown
  let reply: Buffer | undefined
  const processor = new theirService.Processor({
    [method]: (req: unknown, callback: Callback) => {
      request = req
      callback(null, withTheirInt64(response))
    },
  })
  const input = new theirRuntime.TBinaryProtocol(new theirRuntime.TFramedTransport(call))
  const output = new theirRuntime.TBinaryProtocol(
    new theirRuntime.TBufferedTransport(undefined, (bytes) => {
      reply = bytes
    }),
  )
  processor.process(input, output)
  if (reply === undefined) throw new Error(`their processor wrote no reply to ${method}`)
  return { request, reply }
}

/** Their Client encodes the call of `method`; `answer` turns it into our reply bytes, which it decodes. */
function theirClientCalls(
  method: ServedMethod,
  request: unknown,
  answer: (call: Buffer) => Buffer,
): { call: Buffer; response: unknown } {
  let call: Buffer | undefined
  const transport = new theirRuntime.TBufferedTransport(undefined, (bytes) => {
    call = bytes
  })
  const theirClient = new theirService.Client(transport, theirRuntime.TBinaryProtocol)
  let outcome: { err: unknown; result: unknown } | undefined
  const send = theirClient[method] as (req: unknown, callback: Callback) => void
  send.call(theirClient, withTheirInt64(request), (err, result) => {
    outcome = { err, result }
  })
  if (call === undefined) throw new Error(`their client sent no call of ${method}`)
  const input: GeneratedProtocol = new theirRuntime.TBinaryProtocol(
    new theirRuntime.TFramedTransport(answer(call)),
  )
  const header = input.readMessageBegin()
  const receive = theirClient[`recv_${method}`] as (
    input: GeneratedProtocol,
    mtype: number,
    rseqid: number,
  ) => void
  receive.call(theirClient, input, header.mtype, header.rseqid)
  if (outcome === undefined) throw new Error(`their client did not complete ${method}`)
  if (outcome.err !== null && outcome.err !== undefined) {
    throw new Error(`their client failed on ${method}`, { cause: outcome.err })
  }
  return { call, response: outcome.result }
}

describe(`the codec against hive-driver's generated TCLIService code (thrift ${theirRuntimeVersion} runtime)`, () => {
  describe.each(SERVED_METHODS)('%s', (method) => {
    const { request, responses } = EXCHANGES[method]

    it.each(responses.map((response, index) => [index, response] as const))(
      'our call is their request, their reply #%i is our response',
      (_index, response) => {
        const { request: theirRequest, reply } = theirServerAnswers(
          method,
          encodeCall(method, 41, request as never),
          response,
        )
        expect(plain(theirRequest)).toEqual(plain(request))
        const decoded = decodeReply(reply)
        expect(decoded).toMatchObject({ kind: 'reply', method, seqid: 41 })
        expect(plain((decoded as { response: unknown }).response)).toEqual(plain(response))
      },
    )

    it.each(responses.map((response, index) => [index, response] as const))(
      'their call is our request, our reply #%i is their response',
      (_index, response) => {
        let seqid = -1
        const { response: theirResponse } = theirClientCalls(method, request, (call) => {
          const decoded = decodeCall(call)
          expect(decoded).toMatchObject({ method, served: true })
          expect(plain((decoded as { args: unknown }).args)).toEqual(plain(request))
          seqid = decoded.seqid
          return encodeReply(method, decoded.seqid, response as never)
        })
        expect(seqid).toBeGreaterThan(0)
        expect(plain(theirResponse)).toEqual(plain(response))
      },
    )
  })

  it('their client gets our bytes exactly as their own server would write them', () => {
    // Same values, same field order, same encoding: byte for byte, for every served method.
    for (const method of SERVED_METHODS) {
      const { request, responses } = EXCHANGES[method]
      for (const response of responses) {
        const { reply } = theirServerAnswers(method, encodeCall(method, 9, request as never), response)
        expect(encodeReply(method, 9, response as never).equals(reply), `${method} reply`).toBe(true)
      }
      const { call } = theirClientCalls(method, request, () => encodeReply(method, 1, responses[0] as never))
      expect(encodeCall(method, 1, request as never).equals(call), `${method} call`).toBe(true)
    }
  })
})
