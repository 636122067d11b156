import type { MetadataStore } from '@batchgate/core/store'
import { mysqlStore } from '../mysql-store.js'
import { readRawMysqlBatches, type RawMysqlBatch } from './raw-mysql-reader.js'
import { redactUri } from './scratch-database.js'

/** Connections per simulated instance: many instances share one test server's connection budget. */
const TARGET_CONNECTION_LIMIT = 4

/** A MySQL database as the race simulator's target (structurally a testkit `StoreTarget`). */
export interface MysqlStoreTarget {
  readonly description: string
  newStore(): MetadataStore
  rawBatches(): Promise<RawMysqlBatch[]>
  close(): Promise<void>
}

/**
 * The target `batchgate-simulate --store mysql://…` races on: stores (pools of 4 connections each) on
 * that database, and a raw read-back through a connection of its own. The tables are created on first
 * open and never dropped.
 *
 * @example
 * ```ts
 * const target = createStoreTarget('mysql://root@127.0.0.1:3306/race')
 * ```
 */
export function createStoreTarget(spec: string): MysqlStoreTarget {
  if (!/^(mysql|mariadb):\/\//.test(spec)) {
    throw new Error(`a MySQL target is named mysql://user:password@host:port/database, got ${spec}`)
  }
  return {
    description: redactUri(spec),
    newStore: () => mysqlStore({ uri: spec, connectionLimit: TARGET_CONNECTION_LIMIT }),
    rawBatches: () => readRawMysqlBatches(spec),
    close: () => Promise.resolve(),
  }
}
