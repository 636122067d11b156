import { randomUUID } from 'node:crypto'
import { BATCH_TABLE } from '@batchgate/sql-store'
import { benchRecord, benchRow, rowValues } from '../submit/bench-request.js'
import { openRawSqliteDatabase, SQLITE_INSERT } from '../submit/raw-sqlite.js'
import type { RawSql } from './raw-sql.js'
import { openTargetStore, type StoreTarget } from './store-target.js'

/**
 * The owner the queue is filled under: an instance with no lease, which nobody adopts from, so the
 * batches stay out of the launch queue (with an `unlaunchedGraceMs` longer than the run) until
 * {@link releaseQueue} hands them all to it in one statement.
 */
const HOLD = 'bench-hold'

/** Submissions in flight while the queue is filled. */
const FILL_IN_FLIGHT = 16

/**
 * Inserts `count` PENDING batches, held back from the queue: on MariaDB and PostgreSQL through the
 * store's own `insertBatch` (so every column, the write tokens and the database-clock `queued_at` among
 * them, is what the store writes), 16 at a time; on SQLite, where each of those is a commit of its own
 * (a flush: 150 a second on a busy disk), the same rows (the submit groups' raw row: the store's
 * columns, `queued_at` from the local clock) in one transaction.
 *
 * @example
 * ```ts
 * await fillHeldQueue(target, 10_000)
 * ```
 */
export async function fillHeldQueue(target: StoreTarget, count: number): Promise<void> {
  if (target.kind === 'sqlite') {
    fillSqlite(target.filename, count)
    return
  }
  const store = openTargetStore(target)
  await store.open()
  try {
    let next = 0
    const insertNext = async (): Promise<void> => {
      while (next < count) {
        next += 1
        await store.insertBatch({ ...benchRecord(randomUUID()), ownerInstance: HOLD, ownerToken: HOLD })
      }
    }
    await Promise.all(Array.from({ length: FILL_IN_FLIGHT }, insertNext))
  } finally {
    await store.close()
  }
}

function fillSqlite(filename: string, count: number): void {
  const database = openRawSqliteDatabase(filename)
  try {
    const insert = database.prepare(SQLITE_INSERT)
    database.transaction(() => {
      for (let i = 0; i < count; i++) {
        insert.run(rowValues({ ...benchRow(randomUUID()), owner_instance: HOLD, owner_token: HOLD }))
      }
    })()
  } finally {
    database.close()
  }
}

/**
 * Puts every held batch in the launch queue (owned by nobody) in one autocommit UPDATE, so they all
 * become claimable at the same instant; resolves with how many.
 */
export function releaseQueue(sql: RawSql): Promise<number> {
  return sql.run(
    `update ${BATCH_TABLE} set owner_instance = null, owner_token = null where owner_token = ?`,
    [HOLD],
  )
}

/** The claims the metastore shows: how many batches have a start time, the first and the last. */
export interface ClaimSpan {
  readonly claimed: number
  readonly unfinished: number
  readonly firstStart: number | null
  readonly lastStart: number | null
}

/** Reads the {@link ClaimSpan} with a raw query. */
export async function claimSpan(sql: RawSql): Promise<ClaimSpan> {
  // Aggregates come back as strings from some drivers (MySQL's DECIMAL sum, PostgreSQL's numeric).
  type Aggregate = number | string | null
  const [row] = await sql.all<{
    claimed: Aggregate
    unfinished: Aggregate
    first: Aggregate
    last: Aggregate
  }>(
    `select count(start_time) as claimed, sum(case when state = ? then 0 else 1 end) as unfinished, ` +
      `min(start_time) as first, max(start_time) as last from ${BATCH_TABLE}`,
    ['FINISHED'],
  )
  return {
    claimed: Number(row?.claimed ?? 0),
    unfinished: Number(row?.unfinished ?? 0),
    firstStart: row?.first === null || row?.first === undefined ? null : Number(row.first),
    lastStart: row?.last === null || row?.last === undefined ? null : Number(row.last),
  }
}
