/// <reference types="node" preserve="true" />
import { once } from 'node:events'
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { httpFraming, type FramedRequest, type RequestFraming } from './request-framing.js'

/** One request as the proxy saw it pass, in arrival order over all connections. */
export interface ProxiedRequest extends Omit<FramedRequest, 'length'> {
  readonly index: number
  /** The proxied connection it came on (0-based, in order of connection). */
  readonly connection: number
  readonly fault: Fault
}

/**
 * What the proxy does to one request: pass it; lose it before the server (`drop-request`); forward its
 * first `afterBytes` bytes and cut the connection (`cut-request`: the server sees a truncated request);
 * let the server answer and lose the answer after `afterBytes` of it (`drop-answer`, so the server's
 * cursor moved); hold the answer until the client gives up (`stall`); or answer HTTP 503 itself, as a
 * load balancer in front of a restarting server does (`answer-503`, HTTP framings only).
 */
export type Fault =
  | { readonly kind: 'pass' }
  | { readonly kind: 'drop-request' }
  | { readonly kind: 'cut-request'; readonly afterBytes: number }
  | { readonly kind: 'drop-answer'; readonly afterBytes: number }
  | { readonly kind: 'stall' }
  | { readonly kind: 'answer-503' }

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** Where one request ends and what it is (default {@link httpFraming}: HTTP/1.1, Kyuubi's orientation). */
  readonly framing?: RequestFraming | undefined
}

/** A running proxy: its address, what it saw, and its close. */
export interface FaultProxy {
  /** The proxy's port on 127.0.0.1. */
  readonly port: number
  /** `http://127.0.0.1:PORT` + `path`. */
  url(path: string): string
  readonly requests: readonly ProxiedRequest[]
  /** Connections the proxy accepted. */
  readonly connections: number
  /** Client connections open now (a client that closed its connection no longer counts). */
  readonly openConnections: number
  /** Connections the client closed while the proxy held an answer (`stall`): the client cancelled. */
  readonly cancelledStalls: number
  close(): Promise<void>
}

const PASS: Fault = { kind: 'pass' }

/**
 * A real TCP proxy on 127.0.0.1, port 0, in front of `targetPort`, that loses requests and answers on
 * cue: it splits each connection's client bytes into requests with `framing`, asks `faultFor` what to do
 * with each (nothing: pass), and forwards bytes as they come otherwise. Requests on one connection are
 * answered in order (no pipelining), so the bytes from the server after a request are its answer.
 * Faults cut the whole connection, as a broken network or a restarting load balancer does.
 *
 * @example
 * ```ts
 * const proxy = await startFaultProxy(port, (request) => request.index % 3 === 2 ? { kind: 'drop-answer', afterBytes: 0 } : undefined)
 * await proxy.close()
 * ```
 */
export async function startFaultProxy(
  targetPort: number,
  faultFor: (request: Omit<ProxiedRequest, 'fault'>) => Fault | undefined,
  options: FaultProxyOptions = {},
): Promise<FaultProxy> {
  const framing = options.framing ?? httpFraming()
  const requests: ProxiedRequest[] = []
  const sockets = new Set<Socket>()
  let cancelledStalls = 0
  let connections = 0
  let openConnections = 0
  const server: Server = createServer((client) => {
    const connection = connections++
    openConnections++
    const upstream = connect(targetPort, '127.0.0.1')
    const nextRequest = framing()
    sockets.add(client).add(upstream)
    let received = Buffer.alloc(0)
    let current: Fault = PASS
    let answered = 0
    let cutting = false
    const shut = (): void => {
      client.destroy()
      upstream.destroy()
    }
    /** Flushes what was let through, then ends the connection (the server sees a close, the client too). */
    const cut = (): void => {
      cutting = true
      client.end()
      upstream.end()
      upstream.once('finish', () => upstream.destroy())
    }
    client.on('close', () => {
      if (current.kind === 'stall') cancelledStalls++
      openConnections--
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
      if (cutting) return
      received = Buffer.concat([received, chunk])
      let framed = nextRequest(received)
      while (framed !== undefined) {
        const bytes = received.subarray(0, framed.length)
        received = received.subarray(framed.length)
        const { path, orientation } = framed
        const seen = { index: requests.length, connection, path, orientation }
        const fault = faultFor(seen) ?? PASS
        requests.push({ ...seen, fault })
        current = fault
        answered = 0
        if (fault.kind === 'drop-request') {
          shut()
          return
        }
        if (fault.kind === 'cut-request') {
          upstream.write(bytes.subarray(0, Math.min(fault.afterBytes, bytes.length - 1)))
          cut()
          return
        }
        if (fault.kind === 'answer-503') {
          const body = '{"message":"upstream restarting","code":"SERVICE_UNAVAILABLE"}'
          client.write(
            `HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
          )
        } else {
          upstream.write(bytes)
        }
        framed = nextRequest(received)
      }
    })
    upstream.on('data', (chunk: Buffer) => {
      if (current.kind === 'stall' || cutting) return
      if (current.kind !== 'drop-answer') {
        client.write(chunk)
        return
      }
      const room = current.afterBytes - answered
      if (room > 0) client.write(chunk.subarray(0, room))
      answered += Math.min(room, chunk.length)
      if (answered >= current.afterBytes) {
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
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    get connections() {
      return connections
    },
    get openConnections() {
      return openConnections
    },
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
