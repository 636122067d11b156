import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely'
import pg from 'pg'
import { PostgresConnectionLostError } from './postgres-error-codes.js'
import type { ResolvedPostgresStoreOptions } from './postgres-store-options.js'
import { storeTypeParsers } from './postgres-type-parsers.js'

/**
 * A pooled client as kysely's `PostgresDialect` takes it, which also runs the store's named prepared
 * statements (see postgres-batch-statements.ts). Errors pg gives without a code for a connection that
 * ended come out as {@link PostgresConnectionLostError}.
 */
export class StoreClient implements PostgresPoolClient {
  constructor(
    private readonly client: pg.PoolClient,
    private readonly broken: WeakSet<pg.PoolClient>,
  ) {}

  query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>>
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>
  query<R>(
    sql: string | PostgresCursor<R>,
    parameters?: readonly unknown[],
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    // kysely only passes a cursor for `.stream()`, which this store never calls.
    if (typeof sql !== 'string') throw new Error('the PostgreSQL metastore does not stream')
    return this.run<R>({ text: sql, values: [...(parameters ?? [])] })
  }

  /** Runs a query (named: prepared once per connection), with lost connections classified. */
  async run<R>(query: pg.QueryConfig): Promise<PostgresQueryResult<R>> {
    try {
      const result = await this.client.query(query)
      return result as unknown as PostgresQueryResult<R>
    } catch (error) {
      // pg rejects the query before it emits the client's `error` (see createPostgresPool), and this
      // continuation runs after both: a client that broke is marked by now.
      throw this.broken.has(this.client) ? asConnectionLost(error) : error
    }
  }

  release(): void {
    // pg's pool drops a client that is no longer queryable instead of keeping it.
    this.client.release()
  }
}

/** The pool as kysely's `PostgresDialect` takes it, handing out {@link StoreClient}s. */
export interface StorePool extends PostgresPool {
  connect(): Promise<StoreClient>
}

/**
 * This store's pg pool. Every connection gets its session settings at startup (no extra round trip):
 * `statement_timeout` when set, and `application_name`. `bigint` columns come back as numbers and `bytea` as its UTF-8 string (see
 * postgres-type-parsers.ts).
 *
 * @example
 * ```ts
 * const db = new Kysely<BatchTables>({ dialect: new PostgresDialect({ pool: createPostgresPool(options) }) })
 * ```
 */
export function createPostgresPool(options: ResolvedPostgresStoreOptions): StorePool {
  const pool = new pg.Pool({
    ...options.target,
    max: options.max,
    idleTimeoutMillis: options.idleTimeoutMs,
    connectionTimeoutMillis: options.connectTimeoutMs,
    keepAlive: true,
    application_name: options.applicationName,
    ...(options.statementTimeoutMs === undefined ? {} : { statement_timeout: options.statementTimeoutMs }),
    types: storeTypeParsers({ byteaAsText: true }),
  })
  // An idle client whose connection dies is dropped by the pool, which then emits `error`: without a
  // listener that would crash the host. The next caller simply gets a new connection.
  pool.on('error', () => undefined)
  const broken = new WeakSet<pg.PoolClient>()
  pool.on('connect', (client) => {
    // A checked-out client emits `error` (and later `end`) when its connection dies.
    client.on('error', () => broken.add(client))
    client.on('end', () => broken.add(client))
  })
  return {
    async connect() {
      let client: pg.PoolClient
      try {
        client = await pool.connect()
      } catch (error) {
        throw asConnectionLost(error)
      }
      return new StoreClient(client, broken)
    },
    end: () => pool.end(),
  }
}

/**
 * pg's code-less error for a connection that ended or could not be made, wrapped so that it can be
 * classified by code; an error with a code (a SQLSTATE, `ECONNREFUSED`, …) is left as it is.
 */
function asConnectionLost(error: unknown): unknown {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' && code !== '' ? error : new PostgresConnectionLostError(error)
}
