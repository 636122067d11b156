import type { QueueQuery } from '@batchgate/core/store'
import { sql, type Kysely } from 'kysely'
import { BATCH_TABLE, type BatchTables } from './batch-tables.js'
import { databaseNowMillis } from './database-clock.js'
import type { SqlQueryDialect } from './sql-query-dialect.js'

/**
 * The launch queue in claim order (priority descending, then oldest `queued_at`, then id), at most
 * `limit` rows, in one statement, unexecuted (tests compile and EXPLAIN it). It is the union of two
 * parts, each bounded by the limit and each served by its own index:
 * - the queued batches, PENDING and owned by nobody: an ordered range of the queue index
 *   (state, owner_token, priority desc, queued_at, id) at `state = 'PENDING' and owner_token is null`,
 *   read no further than the limit;
 * - the unlaunched ones, PENDING and owned under a token, queued at least `unlaunchedGraceMs` ago by
 *   the database's clock: a range of the (state, queued_at) index, few rows (an owner claims its own
 *   batch at once), sorted.
 *
 * A row with an owning instance but no token (written before leases existed, or by an engine without
 * a lease) counts as owned: it is listed after the grace (by the first part, whose rows have a null
 * token), and claimed with `expectedOwnerToken: null`.
 *
 * @example
 * ```ts
 * const rows = await launchQueueQuery(db, { limit: 10, unlaunchedGraceMs: 60_000 }).execute()
 * ```
 */
export function launchQueueQuery(db: Kysely<BatchTables>, query: QueueQuery, dialect: SqlQueryDialect = {}) {
  const cutoff = sql<number>`${databaseNowMillis(dialect)} - ${query.unlaunchedGraceMs}`
  const queued = db
    .selectFrom(BATCH_TABLE)
    .selectAll()
    .where('state', '=', 'PENDING')
    .where('owner_token', 'is', null)
    // Owned without a token (written before leases): claimable past the grace, like an owned batch.
    .where((eb) => eb.or([eb('owner_instance', 'is', null), eb('queued_at', '<=', cutoff)]))
    // A no-op for the order (every row here has a null token): see SqlQueryDialect.queueOrdersByToken.
    .$if(dialect.queueOrdersByToken === true, (select) => select.orderBy('owner_token'))
    .orderBy('priority', 'desc')
    .orderBy('queued_at')
    .orderBy('id')
    .limit(query.limit)
  const unlaunched = db
    .selectFrom(BATCH_TABLE)
    .selectAll()
    .where('state', '=', 'PENDING')
    // Owned under a token: few rows (an owner claims its own batch at once), so this part never reads
    // the queued backlog, which `queued_at <= cutoff` alone would on a long queue.
    .where('owner_token', 'is not', null)
    .where('queued_at', '<=', cutoff)
    .orderBy('priority', 'desc')
    .orderBy('queued_at')
    .orderBy('id')
    .limit(query.limit)
  // Derived tables: the only form of a bounded, ordered union member SQLite, MySQL and PostgreSQL share.
  return db
    .selectFrom(queued.as('queued'))
    .selectAll()
    .unionAll(db.selectFrom(unlaunched.as('unlaunched')).selectAll())
    .orderBy('priority', 'desc')
    .orderBy('queued_at')
    .orderBy('id')
    .limit(query.limit)
}
