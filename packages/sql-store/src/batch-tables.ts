import type { BatchRow } from './batch-row.js'

/** The name SQL stores give the batch table. */
export const BATCH_TABLE = 'batchgate_batch'

/** The name SQL stores give the table of instance leases (one row per engine start). */
export const LEASE_TABLE = 'batchgate_instance_lease'

/**
 * A lease row: one per engine start (its `token`), times by the **database's** clock in epoch
 * milliseconds (see `CoordinatedMetadataStore`).
 *
 * @example
 * ```ts
 * const lease = await db.selectFrom(LEASE_TABLE).selectAll().where('token', '=', token).executeTakeFirst()
 * ```
 */
export interface LeaseRow {
  /** The lease token, random per engine start: the primary key. */
  token: string
  /** The engine instance holding it (the same type as the batch's `created_by`). */
  instance_id: string
  /** When the lease was acquired. */
  acquired_at: number
  /** When it ends unless renewed; `<=` the database's now: expired, never renewed again. */
  expires_at: number
}

/**
 * The kit's tables as kysely sees them: what every query of the kit runs on. A dialect whose rows carry
 * more columns (the MySQL store's write tokens) keeps this type for its connection and widens it where
 * it needs them, with kysely's `db.withTables<{ batchgate_batch: MyRow }>()`, since `Kysely<S>` is
 * invariant in `S`.
 *
 * @example
 * ```ts
 * const db = new Kysely<BatchTables>({ dialect })
 * const row = await db.selectFrom(BATCH_TABLE).selectAll().where('id', '=', id).executeTakeFirst()
 * ```
 */
export interface BatchTables {
  batchgate_batch: BatchRow
  batchgate_instance_lease: LeaseRow
}
