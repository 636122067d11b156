import { randomBytes } from 'node:crypto'
import { BatchState, KYUUBI_BATCH_ID_KEY, type BatchRequest, type RequestContext } from '@batchgate/core'
import { requestFingerprint, type BatchRecord } from '@batchgate/core/store'
import { batchToRow, type BatchRow } from '@batchgate/sql-store'

/** The engine instance of the submit benchmarks, recorded as every row's creator. */
export const BENCH_INSTANCE = 'bench-1'

/** The user of every benchmark submission. */
export const BENCH_CONTEXT: RequestContext = { user: 'bench' }

const FIELDS = {
  batchType: 'SPARK',
  resource: 'hdfs:///jobs/report.jar',
  className: 'org.example.Report',
  name: 'daily-report',
  args: ['--day', '2026-11-20'],
} as const

const EXTRA_CONF = { 'spark.executor.memory': '4g' } as const

/** A typical submission carrying `id` as its client batch id (testkit's `sampleRequest` shape). */
export function benchRequest(id: string): BatchRequest {
  return { ...FIELDS, args: [...FIELDS.args], conf: { [KYUUBI_BATCH_ID_KEY]: id, ...EXTRA_CONF } }
}

// The request is the same for every id apart from the id key, which the fingerprint leaves out.
const FINGERPRINT = requestFingerprint({
  ...FIELDS,
  conf: EXTRA_CONF,
})

/**
 * The record the engine stores for {@link benchRequest}(id), built the way a program using the raw
 * driver would build it: the same fields and content, so both sides store the same bytes.
 */
export function benchRecord(id: string, createTime = Date.now()): BatchRecord {
  return {
    id,
    owner: BENCH_CONTEXT.user,
    ...FIELDS,
    conf: { [KYUUBI_BATCH_ID_KEY]: id, ...EXTRA_CONF },
    fingerprint: FINGERPRINT,
    state: BatchState.PENDING,
    createTime,
    startTime: null,
    endTime: null,
    diagnostic: null,
    createdBy: BENCH_INSTANCE,
    appId: null,
    appUrl: null,
    appState: null,
    appDiagnostic: null,
    appStartTime: null,
    ownerInstance: BENCH_INSTANCE,
    ownerToken: null,
    priority: 10,
  }
}

/**
 * {@link benchRecord} as a row (conf and args as JSON), as the raw driver inserts it. (The store writes
 * `queued_at` from the database's clock in its statement; a raw program binds its own.)
 */
export function benchRow(id: string): BatchRow {
  const createTime = Date.now()
  return { ...batchToRow(benchRecord(id, createTime)), queued_at: createTime }
}

/** The batch table's columns in a fixed order, for positional parameters. */
export const BATCH_COLUMNS = Object.keys(
  benchRow('00000000-0000-4000-8000-000000000000'),
) as (keyof BatchRow)[]

/** A row's values in {@link BATCH_COLUMNS} order. */
export function rowValues(row: BatchRow): (string | number | null)[] {
  return BATCH_COLUMNS.map((column) => row[column])
}

/** The MySQL store's random write token, which the raw insert writes too (the column is NOT NULL). */
export function writeToken(): string {
  return randomBytes(16).toString('hex')
}
