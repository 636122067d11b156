import { randomBytes } from 'node:crypto'
import { BATCH_TABLE } from '@batchgate/sql-store'
import type { RawSql, SqlValue } from './raw-sql.js'
import type { StoreTarget } from './store-target.js'

/** Who claims: an instance and its lease token, as the engine writes them. */
export interface RawOwner {
  readonly instanceId: string
  readonly token: string
}

/** How the raw claimer works: like an engine with `maxRunningBatches: slots` and instant launchers. */
export interface RawClaimOptions {
  readonly owner: RawOwner
  readonly slots: number
  /** Whether the rows carry the kit's write tokens (MariaDB, PostgreSQL: `state_token` on each write). */
  readonly stateToken: boolean
  /** As the engines' `queue.unlaunchedGraceMs`. */
  readonly unlaunchedGraceMs: number
  /** How many other claimers run at once: each read asks for that many more rows, as an engine does. */
  readonly peers: number
}

/** As the engine's queue claimer: at most this many claims per read, and extra rows read for peers. */
const MAX_CLAIMS_PER_READ = 100

/** The database's clock in epoch milliseconds, as each store's dialect writes it. */
const NOW_MILLIS: Readonly<Record<StoreTarget['kind'], string>> = {
  sqlite: "cast((julianday('now') - 2440587.5) * 86400000 as integer)",
  mysql: "(timestampdiff(microsecond, timestamp '1970-01-01 00:00:00', utc_timestamp(3)) div 1000)",
  postgres: '(select floor(extract(epoch from clock_timestamp()) * 1000)::bigint)',
}

const ORDER = 'order by priority desc, queued_at, id'

/**
 * The launch queue's head, the statement the store runs (sql-store's `launchQueueQuery`): the queued
 * batches (PENDING, owned by nobody) and the unlaunched ones (PENDING, owned, queued at least the grace
 * ago by the database's clock), each part bounded and in claim order, then merged. Parameters: the
 * state, the limit, the state, the grace, the limit, the limit.
 */
function candidatesText(kind: StoreTarget['kind']): string {
  const part = (where: string): string =>
    `select * from ${BATCH_TABLE} where state = ? and ${where} ${ORDER} limit ?`
  return (
    `select * from (${part('owner_token is null and owner_instance is null')}) queued union all ` +
    `select * from (${part(`queued_at <= ${NOW_MILLIS[kind]} - ? and owner_instance is not null`)}) unlaunched ` +
    `${ORDER} limit ?`
  )
}

function claimText(stateToken: boolean): string {
  return `update ${BATCH_TABLE} set state = ?, start_time = ?, owner_instance = ?, owner_token = ?${
    stateToken ? ', state_token = ?' : ''
  } where id = ? and state = ? and owner_token is null`
}

function finishText(stateToken: boolean): string {
  return `update ${BATCH_TABLE} set state = ?, end_time = ?${
    stateToken ? ', state_token = ?' : ''
  } where id = ? and state = ? and owner_token = ?`
}

/**
 * The baseline of the claim throughput: the work of an engine's launch queue done by hand with the
 * raw driver, the way core's queue claimer does it. While it has free slots it reads the queue's head
 * (the store's candidate SELECT, {@link candidatesText}: as many rows as free slots, plus as many again per peer, at most 100
 * more, so that claimers running at once mostly pick different rows), tries them shuffled within their
 * priority one after another with the compare-and-set UPDATE (PENDING and unowned → RUNNING, owned by
 * it) until its slots are full, "launches" each batch it won (nothing to run: the launcher finishes at
 * once) and ends it FINISHED with an UPDATE fenced by its token, which frees the slot and reads again.
 * Resolves with the ids it claimed once the queue is empty and its last batch has finished.
 *
 * @example
 * ```ts
 * const owner = { instanceId: 'raw-1', token: randomUUID() }
 * const ids = await drainQueueRaw(openRawSql(target), 'mysql', {
 *   owner, slots: 50, stateToken: true, unlaunchedGraceMs: 30_000, peers: 3,
 * })
 * ```
 */
export function drainQueueRaw(
  sql: RawSql,
  kind: StoreTarget['kind'],
  options: RawClaimOptions,
): Promise<string[]> {
  const { owner, slots, stateToken, peers, unlaunchedGraceMs } = options
  const candidates = candidatesText(kind)
  const claim = claimText(stateToken)
  const finish = finishText(stateToken)
  const token = (): SqlValue[] => (stateToken ? [randomBytes(16).toString('hex')] : [])
  const claimed: string[] = []
  let running = 0
  let pumping = false
  // A slot freed while a fill was under way: fill again after it, or that slot would stay idle.
  let again = false
  let drained = false
  return new Promise<string[]>((resolve, reject) => {
    const fail = (error: unknown): void => {
      drained = true
      reject(error instanceof Error ? error : new Error(String(error)))
    }
    const end = async (id: string): Promise<void> => {
      const ended = await sql.run(finish, ['FINISHED', Date.now(), ...token(), id, 'RUNNING', owner.token])
      if (ended !== 1) throw new Error(`batch ${id} was not this claimer's to finish`)
      running -= 1
      pump()
    }
    const claimOne = async (id: string): Promise<boolean> =>
      (await sql.run(claim, [
        'RUNNING',
        Date.now(),
        owner.instanceId,
        owner.token,
        ...token(),
        id,
        'PENDING',
      ])) === 1
    const fill = async (): Promise<void> => {
      while (!drained) {
        const wanted = Math.min(slots - running, MAX_CLAIMS_PER_READ)
        if (wanted < 1) return
        const limit = wanted + Math.min(wanted * peers, MAX_CLAIMS_PER_READ)
        const rows = await sql.all<{ id: string; priority: number }>(candidates, [
          'PENDING',
          limit,
          'PENDING',
          unlaunchedGraceMs,
          limit,
          limit,
        ])
        if (rows.length === 0) {
          if (running === 0) {
            drained = true
            resolve(claimed)
          }
          return
        }
        let lost = 0
        for (const { id } of shuffledWithinPriority(rows)) {
          if (running >= slots) break
          if (!(await claimOne(id))) {
            lost += 1
            continue
          }
          claimed.push(id)
          running += 1
          end(id).catch(fail)
        }
        if (rows.length < limit && lost === 0) return
      }
    }
    function pump(): void {
      if (drained) return
      if (pumping) {
        again = true
        return
      }
      pumping = true
      again = false
      fill()
        .catch(fail)
        .finally(() => {
          pumping = false
          if (again) pump()
        })
    }
    pump()
  })
}

/** The rows in a random order within each priority, higher priorities first (core's `claimOrder`). */
function shuffledWithinPriority<Row extends { readonly priority: number }>(rows: readonly Row[]): Row[] {
  return rows
    .map((row) => ({ row, key: Math.random() }))
    .sort((a, b) => b.row.priority - a.row.priority || a.key - b.key)
    .map(({ row }) => row)
}
