import { createServer } from 'node:net'

/** A TCP port nothing listens on: a real server socket's (port 0), after closing it. */
export async function refusedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve)
  })
  const address = server.address()
  await new Promise<void>((resolve, reject) => {
    server.close((error) => {
      if (error === undefined) resolve()
      else reject(error)
    })
  })
  if (address === null || typeof address === 'string') throw new Error('no TCP port')
  return address.port
}
