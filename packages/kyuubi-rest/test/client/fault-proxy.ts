import { once } from 'node:events'
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net'

/** One request as the proxy saw it pass, in arrival order over all connections. */
export interface ProxiedRequest {
  readonly index: number
  readonly path: string
  /** `fetchorientation` of a `GET …/rowset`, else `undefined`. */
  readonly orientation: string | undefined
  readonly fault: Fault
}

/**
 * What the proxy does to one request: pass it; lose it before the server (`drop-request`); let the
 * server answer and lose the answer after `afterBytes` of it (`drop-answer`, so the server's cursor
 * moved); hold the answer until the client gives up (`stall`); or answer 503 itself, as a load balancer
 * in front of a restarting server does (`answer-503`).
 */
export type Fault =
  | { readonly kind: 'pass' }
  | { readonly kind: 'drop-request' }
  | { readonly kind: 'drop-answer'; readonly afterBytes: number }
  | { readonly kind: 'stall' }
  | { readonly kind: 'answer-503' }

/** A running proxy: its address, what it saw, and its close. */
export interface FaultProxy {
  /** `http://127.0.0.1:PORT` + `path`. */
  url(path: string): string
  readonly requests: readonly ProxiedRequest[]
  /** Connections the client closed while the proxy held an answer (`stall`): the client cancelled. */
  readonly cancelledStalls: number
  close(): Promise<void>
}

const PASS: Fault = { kind: 'pass' }

/**
 * A real TCP proxy on 127.0.0.1, port 0, in front of `targetPort`, for requests without a body (the
 * fetcher's GETs): it parses each request's head to count it and ask `faultFor` what to do, and
 * forwards bytes as they come otherwise. Requests on one connection are answered in order (no
 * pipelining), so the bytes from the server after a request are its answer.
 *
 * @example
 * ```ts
 * const proxy = await startFaultProxy(port, (request) => request.index % 3 === 2 ? { kind: 'drop-answer', afterBytes: 0 } : undefined)
 * ```
 */
export async function startFaultProxy(
  targetPort: number,
  faultFor: (request: { index: number; path: string; orientation: string | undefined }) => Fault | undefined,
): Promise<FaultProxy> {
  const requests: ProxiedRequest[] = []
  const sockets = new Set<Socket>()
  let cancelledStalls = 0
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1')
    sockets.add(client).add(upstream)
    let head = ''
    let current: Fault = PASS
    let answered = 0
    let cutting = false
    const shut = (): void => {
      client.destroy()
      upstream.destroy()
    }
    client.on('close', () => {
      if (current.kind === 'stall') cancelledStalls++
      sockets.delete(client)
      upstream.destroy()
    })
    upstream.on('close', () => {
      sockets.delete(upstream)
      // While cutting an answer, the client keeps its socket until the bytes let through are flushed.
      if (!cutting) client.destroy()
    })
    client.on('error', shut)
    upstream.on('error', shut)
    client.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1')
      let end = head.indexOf('\r\n\r\n')
      while (end >= 0) {
        const request = head.slice(0, end + 4)
        head = head.slice(end + 4)
        const path = /^[A-Z]+ (\S+) HTTP/.exec(request)?.[1] ?? ''
        const orientation = new URL(path, 'http://proxy').searchParams.get('fetchorientation') ?? undefined
        const index = requests.length
        const fault = faultFor({ index, path, orientation }) ?? PASS
        requests.push({ index, path, orientation, fault })
        current = fault
        answered = 0
        if (fault.kind === 'drop-request') {
          shut()
          return
        }
        if (fault.kind === 'answer-503') {
          const body = '{"message":"upstream restarting","code":"SERVICE_UNAVAILABLE"}'
          client.write(
            `HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
          )
        } else {
          upstream.write(request)
        }
        end = head.indexOf('\r\n\r\n')
      }
    })
    upstream.on('data', (chunk: Buffer) => {
      if (current.kind === 'stall') return
      if (current.kind !== 'drop-answer') {
        client.write(chunk)
        return
      }
      const room = current.afterBytes - answered
      if (room > 0) client.write(chunk.subarray(0, room))
      answered += Math.min(room, chunk.length)
      if (answered >= current.afterBytes && !cutting) {
        // The bytes let through are flushed, then the connection ends mid-answer.
        cutting = true
        client.end()
        upstream.destroy()
      }
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    get cancelledStalls() {
      return cancelledStalls
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve()
        })
      })
    },
  }
}
