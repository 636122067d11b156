import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'

/**
 * The connection lifecycle every store needs: open (connect and migrate) once on first use, share the
 * result, try again after a failed open, and after `close()` refuse every use with `CLOSED`.
 *
 * @example
 * ```ts
 * readonly #connection = new StoreConnection('the SQLite metastore', () => openAndMigrate(), (db) => db.destroy())
 * async getBatch(id) { const db = await this.#connection.get(); ... }
 * ```
 */
export class StoreConnection<T> {
  #ready: T | undefined
  #opening: Promise<T> | undefined
  #closed = false

  constructor(
    /** Names the store in errors, e.g. `the MySQL metastore`. */
    private readonly what: string,
    private readonly open: () => Promise<T>,
    private readonly destroy: (connection: T) => Promise<void>,
  ) {}

  /**
   * The connection if it is open and not closed, without waiting: lets a store serve a call
   * synchronously on its hot path, and fall back to {@link get} otherwise.
   */
  get ready(): T | undefined {
    return this.#closed ? undefined : this.#ready
  }

  /** The open connection, opening it first if needed. */
  get(): Promise<T> {
    if (this.#closed) return Promise.reject(new BatchgateError(ErrorCode.CLOSED, `${this.what} is closed`))
    if (this.#ready !== undefined) return Promise.resolve(this.#ready)
    this.#opening ??= this.open().then(
      (connection) => (this.#ready = connection),
      (error: unknown) => {
        // A failed open is not remembered: the next use tries again.
        this.#opening = undefined
        throw error
      },
    )
    return this.#opening
  }

  /** Refuses further use and releases the connection once any open in progress has settled. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    const connection = await this.#opening?.catch(() => undefined)
    if (connection !== undefined) await this.destroy(connection)
  }
}

/**
 * A store failure as callers see it: this library's own errors pass unchanged, anything else becomes
 * `METASTORE_UNAVAILABLE` saying what could not be done, with the driver's error as `cause`.
 *
 * @example
 * ```ts
 * catch (error) { throw metastoreUnavailable('read a batch', error) }
 * ```
 */
export function metastoreUnavailable(what: string, error: unknown): BatchgateError {
  if (BatchgateError.is(error)) return error
  const detail = error instanceof Error ? `: ${error.message}` : ''
  return new BatchgateError(ErrorCode.METASTORE_UNAVAILABLE, `could not ${what}${detail}`, { cause: error })
}
