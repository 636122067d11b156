import {
  BatchState,
  BatchgateError,
  ErrorCode,
  isUnreadableBatch,
  type BatchRecord,
  type UnreadableBatch,
} from '@batchgate/core/store'

/**
 * The column layout SQL stores give the batch table: snake_case columns, `conf` and `args` as JSON
 * text, times as integer epoch milliseconds. Shared so that every SQL store reads and writes rows alike.
 *
 * @example
 * ```ts
 * await db.insertInto(BATCH_TABLE).values(batchToRow(record)).execute()
 * ```
 */
export interface BatchRow {
  id: string
  owner: string
  batch_type: string
  resource: string
  class_name: string | null
  name: string | null
  conf: string
  args: string
  fingerprint: string
  state: string
  create_time: number
  start_time: number | null
  end_time: number | null
  diagnostic: string | null
  created_by: string
  app_id: string | null
  app_url: string | null
  app_state: string | null
  app_diagnostic: string | null
  app_start_time: number | null
  /** The owning instance; null while queued (see `BatchRecord.ownerInstance`). */
  owner_instance: string | null
  /** The owner's lease token, which fences its writes; null while queued. */
  owner_token: string | null
  /** Launch-queue priority: higher is claimed first. */
  priority: number
  /**
   * When the batch entered the launch queue, by the **database's** clock (epoch ms): written by the
   * insert statement itself from the dialect's `databaseNowMillis`, never by the caller, and kept when a
   * batch is put back in the queue. The queue's order after priority, and its unlaunched grace.
   */
  queued_at: number
}

/**
 * The values an insert binds: every column but `queued_at`, which the statement writes from the
 * database's clock (see {@link BatchRow.queued_at}).
 */
export type InsertedBatchRow = Omit<BatchRow, 'queued_at'>

/**
 * A record as the values to insert (`queued_at` is the statement's: see {@link InsertedBatchRow}).
 */
export function batchToRow(record: BatchRecord): InsertedBatchRow {
  return {
    id: record.id,
    owner: record.owner,
    batch_type: record.batchType,
    resource: record.resource,
    class_name: record.className,
    name: record.name,
    conf: JSON.stringify(record.conf),
    args: JSON.stringify(record.args),
    fingerprint: record.fingerprint,
    state: record.state,
    create_time: record.createTime,
    start_time: record.startTime,
    end_time: record.endTime,
    diagnostic: record.diagnostic,
    created_by: record.createdBy,
    app_id: record.appId,
    app_url: record.appUrl,
    app_state: record.appState,
    app_diagnostic: record.appDiagnostic,
    app_start_time: record.appStartTime,
    owner_instance: record.ownerInstance,
    owner_token: record.ownerToken,
    priority: record.priority,
  }
}

/**
 * A stored row as a record (stores configure their driver to return times as numbers).
 * A row this code did not write (an unknown state, broken JSON) is METASTORE_UNAVAILABLE naming the
 * batch, not a guess: for reads of one batch, where the caller must hear of it.
 *
 * @example
 * ```ts
 * const row = await db.selectFrom(BATCH_TABLE).selectAll().where('id', '=', id).executeTakeFirst()
 * return row === undefined ? undefined : batchFromRow(row)
 * ```
 */
export function batchFromRow(row: BatchRow): BatchRecord {
  const decoded = decodeBatchRow(row)
  if (!isUnreadableBatch(decoded)) return decoded
  // A row this code did not write is the metastore's fault, reported like its other failures.
  throw new BatchgateError(
    ErrorCode.METASTORE_UNAVAILABLE,
    `the metastore holds a corrupt row: ${decoded.reason}`,
    { cause: decoded.cause },
  )
}

/**
 * A stored row as a record, or — for a row this code did not write — an {@link UnreadableBatch} in its
 * place, so that a listing can skip it and go on (see `MetadataStore.listBatches`).
 *
 * @example
 * ```ts
 * const rows = await selectBatchPage(db, query)
 * return rows.map(decodeBatchRow)
 * ```
 */
export function decodeBatchRow(row: BatchRow): BatchRecord | UnreadableBatch {
  try {
    return {
      id: row.id,
      owner: row.owner,
      batchType: row.batch_type,
      resource: row.resource,
      className: row.class_name,
      name: row.name,
      conf: parseConf(row.conf, row.id),
      args: parseArgs(row.args, row.id),
      fingerprint: row.fingerprint,
      state: parseState(row.state, row.id),
      createTime: row.create_time,
      startTime: row.start_time,
      endTime: row.end_time,
      diagnostic: row.diagnostic,
      createdBy: row.created_by,
      appId: row.app_id,
      appUrl: row.app_url,
      appState: row.app_state,
      appDiagnostic: row.app_diagnostic,
      appStartTime: row.app_start_time,
      ownerInstance: row.owner_instance,
      ownerToken: row.owner_token,
      priority: row.priority,
    }
  } catch (error) {
    // Only the parsers below throw, and only this class.
    if (!(error instanceof Unreadable)) throw error
    return {
      unreadable: true,
      id: row.id,
      createTime: row.create_time,
      reason: error.reason,
      cause: error.cause,
    }
  }
}

const STATES: ReadonlySet<string> = new Set(Object.values(BatchState))

function parseState(value: string, id: string): BatchState {
  if (!STATES.has(value)) throw new Unreadable(`batch ${id} has an unknown state ${JSON.stringify(value)}`)
  return value as BatchState
}

function parseConf(text: string, id: string): Record<string, string> {
  const conf = parseJson(text, 'conf', id)
  if (typeof conf === 'object' && conf !== null && !Array.isArray(conf)) {
    const values: unknown[] = Object.values(conf)
    if (values.every((value) => typeof value === 'string')) return conf as Record<string, string>
  }
  throw new Unreadable(`batch ${id} has conf that is not an object of strings`)
}

function parseArgs(text: string, id: string): string[] {
  const args = parseJson(text, 'args', id)
  if (Array.isArray(args) && args.every((arg) => typeof arg === 'string')) return args
  throw new Unreadable(`batch ${id} has args that are not a list of strings`)
}

function parseJson(text: string, column: string, id: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new Unreadable(`batch ${id} has unreadable ${column} JSON`, error)
  }
}

/** Why a row cannot be decoded: thrown by the parsers, caught by {@link decodeBatchRow}. */
class Unreadable extends Error {
  constructor(
    readonly reason: string,
    cause?: unknown,
  ) {
    super(reason, cause === undefined ? undefined : { cause })
  }
}
