/// <reference types="node" preserve="true" />

/** One whole request found at the start of a connection's client-to-server bytes. */
export interface FramedRequest {
  /** Its length in bytes, head and body. */
  readonly length: number
  /** What it addresses: an HTTP request's path, a Thrift method name, a SASL step. */
  readonly path: string
  /** The fetch orientation it asks for, when it is a fetch; else `undefined`. */
  readonly orientation: string | undefined
}

/**
 * How a {@link startFaultProxy} finds request boundaries: called once per proxied connection, it returns
 * the function that reads the next whole request off the start of the bytes the client has sent and not
 * yet forwarded (`undefined` while more bytes are needed). It may keep state per connection (e.g. a SASL
 * handshake before frames).
 *
 * @example
 * ```ts
 * const lines: RequestFraming = () => (bytes) => {
 *   const end = bytes.indexOf('\n')
 *   return end < 0 ? undefined : { length: end + 1, path: bytes.subarray(0, end).toString(), orientation: undefined }
 * }
 * ```
 */
export type RequestFraming = () => (received: Buffer) => FramedRequest | undefined

const HEAD_END = Buffer.from('\r\n\r\n')

/**
 * HTTP/1.1 requests with a `Content-Length` body or none (no chunked bodies, which the proxy's clients do
 * not send): `path` is the request line's, `orientation` what `describe` reads off the request (default:
 * the `fetchorientation` query parameter of Kyuubi's `GET …/rowset`).
 *
 * @example
 * ```ts
 * await startFaultProxy(port, faultFor, { framing: httpFraming((path, body) => orientationOfThriftCall(body)) })
 * ```
 */
export function httpFraming(
  describe: (path: string, body: Buffer) => string | undefined = queryOrientation,
): RequestFraming {
  return () => (received) => {
    const headEnd = received.indexOf(HEAD_END)
    if (headEnd < 0) return undefined
    const head = received.subarray(0, headEnd).toString('latin1')
    const path = /^[A-Z]+ (\S+) HTTP/.exec(head)?.[1] ?? ''
    const bodyLength = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0)
    const length = headEnd + HEAD_END.length + bodyLength
    if (received.length < length) return undefined
    const body = received.subarray(headEnd + HEAD_END.length, length)
    return { length, path, orientation: describe(path, body) }
  }
}

function queryOrientation(path: string): string | undefined {
  return new URL(path, 'http://proxy').searchParams.get('fetchorientation') ?? undefined
}
