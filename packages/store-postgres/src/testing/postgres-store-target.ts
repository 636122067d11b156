import type { MetadataStore } from '@batchgate/core/store'
import { postgresStore } from '../postgres-store.js'
import { readRawPostgresBatches, type RawPostgresBatch } from './raw-postgres-reader.js'
import { redactUri, splitSpec } from './scratch-schema.js'

/** Connections per simulated instance: many instances share one test server's connection budget. */
const TARGET_CONNECTION_LIMIT = 4
/** The budget of {@link PostgresStoreTarget.checkReachable} without a `connectTimeoutMs`. */
const DEFAULT_CHECK_MS = 5000

/** A PostgreSQL schema as the race simulator's target (structurally a testkit `StoreTarget`). */
export interface PostgresStoreTarget {
  readonly description: string
  newStore(): MetadataStore
  rawBatches(): Promise<RawPostgresBatch[]>
  /**
   * Opens one store (creating the tables) within the connect timeout; rejects with the driver's error
   * (`ECONNREFUSED`, `ENOTFOUND`, SQLSTATE `28P01`, …) in the cause chain when it cannot.
   */
  checkReachable(): Promise<void>
  close(): Promise<void>
}

/** How the target connects (structurally testkit's `StoreTargetOptions`). */
export interface PostgresStoreTargetOptions {
  /**
   * How long reaching the server may take, retries included: the connect timeout of the race's
   * stores, and the whole budget of {@link PostgresStoreTarget.checkReachable}.
   */
  readonly connectTimeoutMs?: number
}

/**
 * The target `batchgate-simulate --store postgres://…` races on: stores (pools of 4 connections each)
 * on that database, in the schema named by the spec's `schema` query parameter (default `public`), and
 * a raw read-back through a client of its own. The tables are created on first open and never dropped.
 *
 * @example
 * ```ts
 * const target = createStoreTarget('postgres://postgres@127.0.0.1:5432/test?schema=race', { connectTimeoutMs: 5000 })
 * await target.checkReachable()
 * ```
 */
export function createStoreTarget(
  spec: string,
  options: PostgresStoreTargetOptions = {},
): PostgresStoreTarget {
  if (!/^postgres(ql)?:\/\//.test(spec)) {
    throw new Error(
      `a PostgreSQL target is named postgres://user:password@host:port/database[?schema=name], got ${redactSpec(spec)}`,
    )
  }
  const { connectionString, schema } = splitSpec(spec)
  const { connectTimeoutMs } = options
  const timeouts = connectTimeoutMs === undefined ? {} : { connectTimeoutMs }
  return {
    description: redactUri(spec),
    newStore: () => postgresStore({ connectionString, schema, max: TARGET_CONNECTION_LIMIT, ...timeouts }),
    rawBatches: () => readRawPostgresBatches(connectionString, schema),
    async checkReachable() {
      // One store whose retry budget is the connect timeout: a refused or unknown server fails in
      // that time with the driver's error as the cause, not after the default 30 s of retries.
      const budget = connectTimeoutMs ?? DEFAULT_CHECK_MS
      const probe = postgresStore({
        connectionString,
        schema,
        max: 1,
        connectTimeoutMs: budget,
        retryForMs: budget,
      })
      try {
        await probe.open()
      } finally {
        await probe.close()
      }
    },
    close: () => Promise.resolve(),
  }
}

/** A spec that may not even be a URL, without a password. */
function redactSpec(spec: string): string {
  try {
    return redactUri(spec)
  } catch {
    return '(not a URL)'
  }
}
