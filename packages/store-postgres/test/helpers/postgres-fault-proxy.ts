import { createServer, connect, type Server, type Socket } from 'node:net'

/**
 * What to do instead of delivering the server's answer to a matched statement: `'reset'` destroys both
 * sockets (a network failure, ECONNRESET); `'close'` ends the client's socket cleanly (a FIN, which
 * pg reports without any code); a function is given the server's backend pid (e.g. to
 * `pg_terminate_backend` it from another session) before the client's socket is destroyed.
 */
export type CutAction = 'reset' | 'close' | ((backendPid: number) => Promise<void>)

interface Armed {
  readonly prefix: string
  readonly action: CutAction
  readonly fired: () => void
}

/** The protocol's startup message carries no type byte; every later message does. */
const TYPED_HEADER = 5
const UNTYPED_HEADER = 4

/**
 * A fault injector in front of a real PostgreSQL server: a TCP proxy that forwards every byte, except
 * that an armed cut lets one statement starting with the given text — a simple query, or an execution
 * (Bind) of a statement parsed from that text — reach the server and run, waits until the server says
 * it is ready for the next query (its implicit transaction has committed), then withholds the answer
 * and breaks the connection: "the connection died after the commit, before the answer reached us".
 * Nothing is faked: the server runs every statement.
 *
 * It speaks just enough of the v3 protocol to frame messages (no TLS: tests connect in the clear).
 * The MySQL store's proxy is MySQL-protocol specific the same way, which is why each store has its own.
 *
 * @example
 * ```ts
 * const proxy = await PostgresFaultProxy.start('127.0.0.1', 5432)
 * const fired = proxy.cutAfter('insert into', 'reset')
 * ```
 */
export class PostgresFaultProxy {
  readonly #sockets = new Set<Socket>()
  readonly #statements: string[] = []
  #armed: Armed | undefined

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(host: string, port: number): Promise<PostgresFaultProxy> {
    const server = createServer()
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', resolve)
    })
    const address = server.address()
    if (address === null || typeof address === 'string') throw new Error('proxy has no port')
    const proxy = new PostgresFaultProxy(server, address.port)
    server.on('connection', (client) => {
      proxy.#relay(client, connect(port, host))
    })
    return proxy
  }

  /** `uri` with the proxy as its host and port. */
  uriFor(uri: string): string {
    const url = new URL(uri)
    url.hostname = '127.0.0.1'
    url.port = String(this.port)
    return url.toString()
  }

  /** Every statement text that was executed through the proxy (each execution), in order. */
  get statements(): readonly string[] {
    return this.#statements
  }

  /** How many executed statements start with `prefix`. */
  executions(prefix: string): number {
    return this.#statements.filter((statement) => statement.startsWith(prefix)).length
  }

  /** Arms a one-shot cut after the next statement that starts with `prefix`; resolves once it happened. */
  cutAfter(prefix: string, action: CutAction): Promise<void> {
    return new Promise((fired) => {
      this.#armed = { prefix, action, fired }
    })
  }

  /** Stops accepting and breaks every open connection: the server has become unreachable. */
  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy()
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve()
      })
    })
  }

  #relay(client: Socket, upstream: Socket): void {
    this.#sockets.add(client).add(upstream)
    let backendPid = 0
    let cut: Armed | undefined
    // Statement names are per connection: the text each was parsed from ('' is the unnamed one).
    const parsed = new Map<string, string>()
    const end = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)

    const fromClient = frames(true, (type, payload) => {
      let text: string | undefined
      if (type === 'Q') text = cString(payload, 0)
      if (type === 'P') {
        const name = cString(payload, 0)
        parsed.set(name, cString(payload, Buffer.byteLength(name) + 1))
      }
      if (type === 'B') {
        const portal = cString(payload, 0)
        text = parsed.get(cString(payload, Buffer.byteLength(portal) + 1))
      }
      if (text === undefined) return
      this.#statements.push(text)
      if (this.#armed !== undefined && text.startsWith(this.#armed.prefix)) {
        cut = this.#armed
        this.#armed = undefined
      }
    })
    client.on('data', (chunk: Buffer) => {
      fromClient(chunk)
      upstream.write(chunk)
    })

    // Once a cut began, nothing more from the server reaches the client.
    let withholding = false
    let cutting: Armed | undefined
    const fromServer = frames(false, (type, payload) => {
      if (type === 'K') backendPid = payload.readInt32BE(0)
      // Ready for query: the matched statement's implicit transaction is over (committed).
      if (type === 'Z' && cutting !== undefined) {
        const { action, fired } = cutting
        cutting = undefined
        void (async () => {
          if (action === 'reset') upstream.destroy()
          else if (action !== 'close') await action(backendPid)
          if (action === 'close') {
            upstream.destroy()
            client.end()
          } else {
            client.resetAndDestroy()
          }
          fired()
        })()
      }
    })
    upstream.on('data', (chunk: Buffer) => {
      // The client sends a statement only after the answer to the one before, so once a cut is
      // armed on this connection, everything the server says from now on is that statement's answer.
      if (cut !== undefined) {
        cutting = cut
        cut = undefined
        withholding = true
      }
      fromServer(chunk)
      if (!withholding && client.writable) client.write(chunk)
    })
  }
}

/**
 * A parser of one direction's byte stream into messages: `(type, payload)` for each whole message.
 * A client's first message (startup, SSL request or cancel) has no type byte; it is reported as ''.
 */
function frames(
  startsUntyped: boolean,
  onMessage: (type: string, payload: Buffer) => void,
): (chunk: Buffer) => void {
  let pending = Buffer.alloc(0)
  let untyped = startsUntyped
  return (chunk) => {
    pending = Buffer.concat([pending, chunk])
    for (;;) {
      const header = untyped ? UNTYPED_HEADER : TYPED_HEADER
      if (pending.length < header) return
      const length = pending.readInt32BE(header - 4)
      const total = header - 4 + length
      if (pending.length < total) return
      onMessage(untyped ? '' : String.fromCharCode(pending[0] ?? 0), pending.subarray(header, total))
      pending = pending.subarray(total)
      untyped = false
    }
  }
}

/** The NUL-terminated string at `offset`. */
function cString(buffer: Buffer, offset: number): string {
  const end = buffer.indexOf(0, offset)
  return buffer.subarray(offset, end < 0 ? buffer.length : end).toString('utf8')
}
