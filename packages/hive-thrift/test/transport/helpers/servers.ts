import { createServer, type RequestListener, type Server as HttpServer } from 'node:http'
import type { AddressInfo, Server } from 'node:net'

/** Listens on a free port of 127.0.0.1 and returns it. */
export async function listen(server: Server | HttpServer): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  return (server.address() as AddressInfo).port
}

/** Closes a server (the binary server also ends its connections). */
export async function closeServer(server: Server | HttpServer): Promise<void> {
  if ('closeAllConnections' in server) server.closeAllConnections()
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve()
    }),
  )
}

/** An HTTP server around a request listener, listening on a free port. */
export async function httpServer(listener: RequestListener): Promise<{ server: HttpServer; port: number }> {
  const server = createServer(listener)
  return { server, port: await listen(server) }
}
