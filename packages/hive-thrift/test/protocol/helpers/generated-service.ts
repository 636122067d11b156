// Drives a thrift-generated TCLIService module (CommonJS, `thrift --gen js:node`) on a given thrift
// runtime, in memory: its Processor answers one call, its Client sends one call and reads one reply.

/** The parts of a thrift runtime the tests use. */
export interface ThriftRuntime {
  TBinaryProtocol: new (transport: unknown) => GeneratedProtocol
  TBufferedTransport: new (buffer?: Buffer, onFlush?: (bytes: Buffer) => void) => unknown
  TFramedTransport: new (buffer?: Buffer) => unknown
  Int64: new (buffer: Buffer) => unknown
}

export interface GeneratedProtocol {
  readMessageBegin(): { fname: string; mtype: number; rseqid: number }
}

export type Callback = (err: unknown, result?: unknown) => void

/** A generated service module: its Client and Processor. */
export interface GeneratedService {
  Client: new (output: unknown, protocolClass: unknown) => Record<string, unknown>
  Processor: new (handler: Record<string, (req: unknown, callback: Callback) => void>) => {
    process(input: GeneratedProtocol, output: GeneratedProtocol): void
  }
}

export interface Generated {
  readonly runtime: ThriftRuntime
  readonly service: GeneratedService
}

/** `value` with every bigint as the runtime's Int64 (generated code writes i64 from those). */
export function withInt64(runtime: ThriftRuntime, value: unknown): unknown {
  if (typeof value === 'bigint') {
    const bytes = Buffer.alloc(8)
    bytes.writeBigInt64BE(value)
    return new runtime.Int64(bytes)
  }
  if (Buffer.isBuffer(value) || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((element) => withInt64(runtime, element))
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, withInt64(runtime, field)]))
}

/** Runs one call through the generated Processor with a handler that answers `response`. */
export function generatedServerAnswers(
  { runtime, service }: Generated,
  method: string,
  call: Buffer,
  response: unknown,
): { request: unknown; reply: Buffer } {
  let request: unknown
  let reply: Buffer | undefined
  const processor = new service.Processor({
    // Two parameters: the generated processor then calls back synchronously (with one it goes through Q).
    [method]: (req: unknown, callback: Callback) => {
      request = req
      callback(null, withInt64(runtime, response))
    },
  })
  const input = new runtime.TBinaryProtocol(new runtime.TFramedTransport(call))
  const output = new runtime.TBinaryProtocol(
    new runtime.TBufferedTransport(undefined, (bytes) => {
      reply = bytes
    }),
  )
  processor.process(input, output)
  if (reply === undefined) throw new Error(`the generated processor wrote no reply to ${method}`)
  return { request, reply }
}

/** The generated Client sends `request`; `answer` turns its call into reply bytes, which it reads. */
export function generatedClientCalls(
  { runtime, service }: Generated,
  method: string,
  request: unknown,
  answer: (call: Buffer) => Buffer,
): { call: Buffer; err: unknown; response: unknown } {
  let call: Buffer | undefined
  const transport = new runtime.TBufferedTransport(undefined, (bytes) => {
    call = bytes
  })
  const client = new service.Client(transport, runtime.TBinaryProtocol)
  let outcome: { err: unknown; result: unknown } | undefined
  const send = client[method] as (req: unknown, callback: Callback) => void
  send.call(client, withInt64(runtime, request), (err, result) => {
    outcome = { err, result }
  })
  if (call === undefined) throw new Error(`the generated client sent no call of ${method}`)
  const input = new runtime.TBinaryProtocol(new runtime.TFramedTransport(answer(call)))
  const header = input.readMessageBegin()
  const receive = client[`recv_${method}`] as (
    input: GeneratedProtocol,
    mtype: number,
    rseqid: number,
  ) => void
  receive.call(client, input, header.mtype, header.rseqid)
  if (outcome === undefined) throw new Error(`the generated client did not complete ${method}`)
  return { call, err: outcome.err, response: outcome.result }
}
