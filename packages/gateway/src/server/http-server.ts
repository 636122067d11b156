/// <reference types="node" preserve="true" />
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'

/** Options of {@link listenHttp}. */
export interface HttpServerOptions {
  readonly host: string
  /** 0 picks a free port. */
  readonly port: number
  /** A request must arrive whole within this (default 60 000 ms); its headers within half of it. */
  readonly requestTimeoutMs?: number | undefined
}

/** A listening HTTP server. */
export interface ListeningServer {
  /** `http://HOST:PORT`, with the port actually bound. */
  readonly url: string
  /**
   * Stops accepting connections, lets the requests in flight be answered and resolves when the last
   * connection has closed; after `graceMs` the connections still open are cut.
   */
  close(graceMs: number): Promise<void>
}

/**
 * Serves `listener` on `host:port` with bounded request and header times.
 *
 * @example
 * ```ts
 * const server = await listenHttp((req, res) => res.end('ok'), { host: '127.0.0.1', port: 0 })
 * console.log(server.url)
 * await server.close(10_000)
 * ```
 */
export async function listenHttp(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  options: HttpServerOptions,
): Promise<ListeningServer> {
  const requestTimeout = options.requestTimeoutMs ?? 60_000
  let closing: Promise<void> | undefined
  const server = createServer(
    { requestTimeout, headersTimeout: Math.ceil(requestTimeout / 2), keepAliveTimeout: 5000 },
    (req, res) => {
      if (closing !== undefined) res.setHeader('connection', 'close')
      // A request answered while closing leaves its keep-alive connection idle: close it at once.
      res.on('finish', () => {
        if (closing !== undefined) {
          setImmediate(() => {
            server.closeIdleConnections()
          })
        }
      })
      listener(req, res)
    },
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP address')
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${host}:${address.port}`,
    close(graceMs) {
      closing ??= new Promise<void>((resolve) => {
        const cut = setTimeout(() => {
          server.closeAllConnections()
        }, graceMs)
        server.close(() => {
          clearTimeout(cut)
          resolve()
        })
        // Keep-alive connections without a request in flight would hold close() open until they time out.
        server.closeIdleConnections()
      })
      return closing
    },
  }
}
