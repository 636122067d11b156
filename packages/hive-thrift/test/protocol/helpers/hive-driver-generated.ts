import { createRequire } from 'node:module'

// hive-driver's own generated TCLIService code (thrift 0.20 compiler, CommonJS) and the thrift runtime
// it resolves (0.20, not ours): an independent implementation of the same wire to check ours against.

const requireFromPackage = createRequire(import.meta.url)
const generatedDir = requireFromPackage
  .resolve('hive-driver/thrift/gen-nodejs/TCLIService.js')
  .replace(/TCLIService\.js$/, '')
const requireFromGenerated = createRequire(generatedDir)

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

export interface GeneratedClient {
  _seqid: number
  [method: string]: unknown
}

interface GeneratedService {
  Client: new (output: unknown, protocolClass: unknown) => GeneratedClient
  Processor: new (handler: Record<string, (req: unknown, callback: Callback) => void>) => {
    process(input: GeneratedProtocol, output: GeneratedProtocol): void
  }
}

export const theirRuntime = requireFromGenerated('thrift') as ThriftRuntime
export const theirService = requireFromGenerated('./TCLIService.js') as GeneratedService

/** The runtime's version as its package says (to show which one the interop ran against). */
export const theirRuntimeVersion = (requireFromGenerated('thrift/package.json') as { version: string })
  .version

/** `value` with every bigint as their runtime's Int64 (their generated code writes i64 from those). */
export function withTheirInt64(value: unknown): unknown {
  if (typeof value === 'bigint') {
    const bytes = Buffer.alloc(8)
    bytes.writeBigInt64BE(value)
    return new theirRuntime.Int64(bytes)
  }
  if (Buffer.isBuffer(value) || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(withTheirInt64)
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, withTheirInt64(field)]))
}
