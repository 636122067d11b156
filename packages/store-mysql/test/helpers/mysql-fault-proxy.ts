import { createServer, connect, type Server, type Socket } from 'node:net'

/** MySQL's command bytes: a text query, and preparing and executing a prepared statement. */
const COM_QUERY = 0x03
const COM_STMT_PREPARE = 0x16
const COM_STMT_EXECUTE = 0x17

/** What to do instead of delivering the server's answer to a matched query. */
export type CutAction = 'reset' | ((serverThreadId: number) => Promise<void>)

interface Armed {
  readonly prefix: string
  readonly action: CutAction
  readonly fired: () => void
}

/**
 * A fault injector in front of a real MySQL server: a TCP proxy that forwards every byte, except that
 * an armed cut lets one query with the given prefix — a text query, or an execution of a statement
 * prepared with that text — reach the server and run (and, in autocommit, commit), then
 * withholds the server's answer and breaks the connection — "the connection died after the commit,
 * before the OK reached us". Nothing is faked: the server runs every statement.
 *
 * @example
 * ```ts
 * const proxy = await MysqlFaultProxy.start('127.0.0.1', 3306)
 * const fired = proxy.cutAfter('insert into `batchgate_batch`', 'reset')
 * ```
 */
export class MysqlFaultProxy {
  readonly #sockets = new Set<Socket>()
  readonly #queries: string[] = []
  #armed: Armed | undefined

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(host: string, port: number): Promise<MysqlFaultProxy> {
    const server = createServer()
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', resolve)
    })
    const address = server.address()
    if (address === null || typeof address === 'string') throw new Error('proxy has no port')
    const proxy = new MysqlFaultProxy(server, address.port)
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

  /** Every query text that passed through (for a prepared statement, each execution's), in order. */
  get queries(): readonly string[] {
    return this.#queries
  }

  /**
   * Arms a one-shot cut after the next query that starts with `prefix`; resolves once it has happened.
   * `'reset'` destroys both sockets (a network failure); a function is given the server's thread id
   * (e.g. to `KILL CONNECTION` it from another session) before the client's socket is destroyed.
   */
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
    let threadId: number | undefined
    let cut: Armed | undefined
    let pending = Buffer.alloc(0)
    // Statement ids are per connection: the text each was prepared from, and the one being prepared.
    const prepared = new Map<number, string>()
    let preparing: string | undefined
    const end = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)

    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk])
      while (pending.length >= 4) {
        const length = pending.readUIntLE(0, 3)
        if (pending.length < 4 + length) break
        const sequence = pending[3]
        const payload = pending.subarray(4, 4 + length)
        pending = pending.subarray(4 + length)
        // A command starts a new exchange (sequence 0); the handshake response does not.
        if (sequence !== 0) continue
        if (payload[0] === COM_STMT_PREPARE) preparing = payload.subarray(1).toString('utf8')
        const text =
          payload[0] === COM_QUERY
            ? payload.subarray(1).toString('utf8')
            : payload[0] === COM_STMT_EXECUTE
              ? prepared.get(payload.readUInt32LE(1))
              : undefined
        if (text === undefined) continue
        this.#queries.push(text)
        if (this.#armed !== undefined && text.startsWith(this.#armed.prefix)) {
          cut = this.#armed
          this.#armed = undefined
        }
      }
      upstream.write(chunk)
    })

    upstream.on('data', (chunk: Buffer) => {
      // The server's greeting: protocol version, NUL-terminated version string, then the thread id.
      threadId ??= chunk.readUInt32LE(chunk.indexOf(0, 5) + 1)
      // A prepare's answer starts with its OK packet: a 4-byte header, 0x00, then the statement id.
      // mysql2 waits for each answer before its next command, so this chunk holds that packet.
      if (preparing !== undefined) {
        if (chunk[4] === 0x00) prepared.set(chunk.readUInt32LE(5), preparing)
        preparing = undefined
      }
      if (cut === undefined) {
        client.write(chunk)
        return
      }
      const { action, fired } = cut
      cut = undefined
      void (async () => {
        if (action === 'reset') upstream.destroy()
        else await action(threadId)
        client.resetAndDestroy()
        fired()
      })()
    })
  }
}
