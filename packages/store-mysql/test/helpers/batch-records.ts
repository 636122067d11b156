import { randomUUID } from 'node:crypto'
import { BatchState, requestFingerprint, type BatchRecord } from '@batchgate/core'

/** A stored-batch record with text that strains a database: non-BMP characters, empty strings. */
export function batchRecord(overrides: Partial<BatchRecord> = {}): BatchRecord {
  const fields = {
    batchType: 'SPARK',
    resource: 'hdfs:///jobs/app.jar',
    className: null,
    name: 'nightly — ünïcode ✓ 🙂',
    conf: { 'spark.app.name': 'x', 'emoji.🙂': 'yes' },
    args: ['--a', ''],
  }
  return {
    id: randomUUID(),
    owner: 'alice',
    ...fields,
    fingerprint: requestFingerprint(fields),
    state: BatchState.PENDING,
    createTime: 1_763_700_000_123,
    startTime: null,
    endTime: null,
    diagnostic: null,
    createdBy: 'gw-1',
    ...overrides,
  }
}
