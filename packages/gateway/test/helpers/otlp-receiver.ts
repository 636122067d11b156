import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request an {@link OtlpReceiver} got. */
export interface ReceivedExport {
  readonly method: string
  readonly path: string
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

/** A real OTLP/HTTP endpoint on a free loopback port that keeps what it is sent and answers 200. */
export interface OtlpReceiver {
  /** `http://127.0.0.1:PORT`, for `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  readonly url: string
  readonly received: readonly ReceivedExport[]
  close(): Promise<void>
}

/**
 * Starts an OTLP/HTTP receiver (an empty JSON success answer to every request).
 *
 * @example
 * ```ts
 * const receiver = await startOtlpReceiver()
 * // ... a gateway with OTEL_EXPORTER_OTLP_ENDPOINT=receiver.url
 * receiver.received.filter((request) => request.path === '/v1/traces')
 * await receiver.close()
 * ```
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const received: ReceivedExport[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      })
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve()
        })
        server.closeAllConnections()
      }),
  }
}
