import type { BatchOwner } from '@batchgate/core/store'
import { sql, type Kysely } from 'kysely'
import { BATCH_TABLE, LEASE_TABLE, type BatchTables } from './batch-tables.js'
import { databaseNowMillis } from './database-clock.js'
import type { SqlQueryDialect } from './sql-query-dialect.js'

/** A computed integer (the clock, a count) as a driver may read it. */
type Computed = number | string | bigint

/**
 * The statements of the lease table, unexecuted (tests compile and EXPLAIN them). Every time in them
 * is the database's clock (the dialect's `databaseNowMillis`), computed inside the statement: a lease
 * is judged by one clock however skewed the instances' clocks are.
 *
 * @example
 * ```ts
 * const renewed = await leaseQueries(db, dialect).renew(owner, 30_000).executeTakeFirst()
 * ```
 */
export function leaseQueries(db: Kysely<BatchTables>, dialect: SqlQueryDialect) {
  const now = databaseNowMillis(dialect)
  return {
    /** A new row for `owner.token`, acquired now, expiring `durationMs` later. */
    acquire: (owner: BatchOwner, durationMs: number) =>
      db.insertInto(LEASE_TABLE).values({
        token: owner.token,
        instance_id: owner.instanceId,
        acquired_at: now,
        expires_at: sql<number>`${now} + ${durationMs}`,
      }),
    /** The compare-and-set of a renewal: only a lease that has not expired is extended. */
    renew: (owner: BatchOwner, durationMs: number) =>
      db
        .updateTable(LEASE_TABLE)
        .set({ expires_at: sql<number>`${now} + ${durationMs}` })
        .where('token', '=', owner.token)
        .where('expires_at', '>', now),
    /** One lease's row, by its primary key. */
    read: (token: string) =>
      db
        .selectFrom(LEASE_TABLE)
        .select(['instance_id', 'acquired_at', 'expires_at'])
        .where('token', '=', token),
    /** Expires a live lease now (an expired one keeps its expiry). */
    release: (token: string) =>
      db
        .updateTable(LEASE_TABLE)
        .set({ expires_at: now })
        .where('token', '=', token)
        .where('expires_at', '>', now),
    /**
     * Every lease, each with the database's now and its RUNNING count: a correlated count on the
     * (owner_token, state) index per lease row.
     */
    list: () =>
      db
        .selectFrom(LEASE_TABLE)
        .select(['token', 'instance_id', 'acquired_at', 'expires_at'])
        .select(sql<Computed>`${now}`.as('database_now'))
        .select((eb) =>
          eb
            .selectFrom(BATCH_TABLE)
            .select(eb.fn.countAll<Computed>().as('running'))
            .whereRef(`${BATCH_TABLE}.owner_token`, '=', `${LEASE_TABLE}.token`)
            .where(`${BATCH_TABLE}.state`, '=', 'RUNNING')
            .as('running'),
        )
        .orderBy('acquired_at')
        .orderBy('token'),
    /** The database's now alone (for a listing that found no lease row). */
    now: () => db.selectNoFrom(sql<Computed>`${now}`.as('database_now')),
    /** Deletes an expired lease that owns no PENDING or RUNNING batch (on the (owner_token, state) index). */
    drop: (token: string) =>
      db
        .deleteFrom(LEASE_TABLE)
        .where('token', '=', token)
        .where('expires_at', '<=', now)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom(BATCH_TABLE)
                .select(sql<number>`1`.as('owned'))
                .where(`${BATCH_TABLE}.owner_token`, '=', token)
                .where(`${BATCH_TABLE}.state`, 'in', ['PENDING', 'RUNNING']),
            ),
          ),
        ),
  }
}
