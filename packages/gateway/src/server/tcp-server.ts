/// <reference types="node" preserve="true" />
import type { Server } from 'node:net'

/** Options of {@link listenTcp}. */
export interface TcpServerOptions {
  readonly host: string
  /** 0 picks a free port. */
  readonly port: number
}

/** A listening TCP server. */
export interface ListeningTcpServer {
  /** The host as printed (`[::1]` for an IPv6 address) and the port actually bound. */
  readonly host: string
  readonly port: number
  /** Closes the server; resolves once it is closed. Idempotent. */
  close(): Promise<void>
}

/**
 * Listens with a `net.Server` whose connection handler is already installed (the Thrift binary
 * transport's, which ends its open connections when closed).
 *
 * @example
 * ```ts
 * const server = await listenTcp(thriftBinaryServer(processor, { authenticate }), { host: '127.0.0.1', port: 0 })
 * console.log(`${server.host}:${server.port}`)
 * await server.close()
 * ```
 */
export async function listenTcp(server: Server, options: TcpServerOptions): Promise<ListeningTcpServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP address')
  let closing: Promise<void> | undefined
  return {
    host: address.family === 'IPv6' ? `[${address.address}]` : address.address,
    port: address.port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          resolve()
        })
      })
      return closing
    },
  }
}
