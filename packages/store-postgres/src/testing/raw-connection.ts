import pg from 'pg'
import { storeTypeParsers } from '../postgres-type-parsers.js'

/**
 * Where the testing helpers run their own SQL (scratch schemas, raw reads and writes): connections of
 * their own, never the store's under test.
 */
export interface RawConnection {
  /** Runs `work` on a client of this connection's. */
  run<T>(work: (client: pg.ClientBase) => Promise<T>): Promise<T>
}

/** A raw connection a fixture keeps for its life; `end` closes it (idempotent). */
export interface RawPool extends RawConnection {
  end(): Promise<void>
}

/** A client connected for each call and closed after it: for one-off calls. */
export function clientPerCall(uri: string): RawConnection {
  return {
    async run(work) {
      const client = new pg.Client({ connectionString: uri, types: storeTypeParsers() })
      await client.connect()
      try {
        return await work(client)
      } finally {
        await client.end()
      }
    },
  }
}

/** A server URI as a client per call; a raw connection as itself. */
export function rawConnectionOf(source: string | RawConnection): RawConnection {
  return typeof source === 'string' ? clientPerCall(source) : source
}

/**
 * A pool of at most two clients, kept until `end`: a fixture's raw reads come often (a case reads the
 * rows several times, the failover sampler ten times a second), and a new PostgreSQL session is a new
 * server process, tens of milliseconds each on a loaded host. A client whose call failed is discarded
 * (it may be mid-transaction); one the server ended while idle is dropped by the pool.
 *
 * @example
 * ```ts
 * const raw = rawPool('postgres://postgres@127.0.0.1:5432/test')
 * const rows = await raw.run((client) => client.query('select 1'))
 * await raw.end()
 * ```
 */
export function rawPool(uri: string): RawPool {
  const pool = new pg.Pool({
    connectionString: uri,
    types: storeTypeParsers(),
    max: 2,
    idleTimeoutMillis: 0,
    allowExitOnIdle: true,
  })
  pool.on('error', () => {
    // An idle client ended by the server: the pool drops it, and the next call connects anew.
  })
  let ended: Promise<void> | undefined
  return {
    async run(work) {
      // After `end` (a fixture disposed of), a call still works, on a client of its own.
      if (ended !== undefined) return clientPerCall(uri).run(work)
      const client = await pool.connect()
      try {
        const result = await work(client)
        client.release()
        return result
      } catch (error) {
        client.release(true)
        throw error
      }
    },
    end: () => (ended ??= pool.end()),
  }
}
