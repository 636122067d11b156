import type { MetadataStore } from '@batchgate/core/store'
import { mysqlStore } from '../mysql-store.js'
import { readRawMysqlBatches, type RawMysqlBatch } from './raw-mysql-reader.js'
import { redactUri } from './scratch-database.js'

/** Connections per simulated instance: many instances share one test server's connection budget. */
const TARGET_CONNECTION_LIMIT = 4
/** The budget of {@link MysqlStoreTarget.checkReachable} without a `connectTimeoutMs`. */
const DEFAULT_CHECK_MS = 5000

/** A MySQL database as the race simulator's target (structurally a testkit `StoreTarget`). */
export interface MysqlStoreTarget {
  readonly description: string
  newStore(): MetadataStore
  rawBatches(): Promise<RawMysqlBatch[]>
  /**
   * Opens one store (creating the tables) within the connect timeout; rejects with the driver's error
   * (`ECONNREFUSED`, `ENOTFOUND`, `ER_ACCESS_DENIED_ERROR`, …) in the cause chain when it cannot.
   */
  checkReachable(): Promise<void>
  close(): Promise<void>
}

/** How the target connects (structurally testkit's `StoreTargetOptions`). */
export interface MysqlStoreTargetOptions {
  /**
   * How long reaching the server may take, retries included: the connect timeout of the race's
   * stores, and the whole budget of {@link MysqlStoreTarget.checkReachable}.
   */
  readonly connectTimeoutMs?: number
}

/**
 * The target `batchgate-simulate --store mysql://…` races on: stores (pools of 4 connections each) on
 * that database, and a raw read-back through a connection of its own. The tables are created on first
 * open and never dropped.
 *
 * @example
 * ```ts
 * const target = createStoreTarget('mysql://root@127.0.0.1:3306/race', { connectTimeoutMs: 5000 })
 * await target.checkReachable()
 * ```
 */
export function createStoreTarget(spec: string, options: MysqlStoreTargetOptions = {}): MysqlStoreTarget {
  if (!/^(mysql|mariadb):\/\//.test(spec)) {
    throw new Error(`a MySQL target is named mysql://user:password@host:port/database, got ${spec}`)
  }
  const { connectTimeoutMs } = options
  const timeouts = connectTimeoutMs === undefined ? {} : { connectTimeoutMs }
  return {
    description: redactUri(spec),
    newStore: () => mysqlStore({ uri: spec, connectionLimit: TARGET_CONNECTION_LIMIT, ...timeouts }),
    rawBatches: () => readRawMysqlBatches(spec),
    async checkReachable() {
      // One store whose retry budget is the connect timeout: a refused or unknown server fails in
      // that time with the driver's error as the cause, not after the default 30 s of retries.
      const budget = connectTimeoutMs ?? DEFAULT_CHECK_MS
      const probe = mysqlStore({
        uri: spec,
        connectionLimit: 1,
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
