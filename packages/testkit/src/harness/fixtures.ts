import { randomUUID } from 'node:crypto'
import { BatchState, KYUUBI_BATCH_ID_KEY, type BatchRequest } from '@batchgate/core'
import { requestFingerprint, type BatchRecord } from '@batchgate/core/store'

/**
 * A realistic batch row for port-level tests; override any field (`ownerInstance` follows `createdBy`
 * unless given).
 *
 * @example
 * ```ts
 * await store.insertBatch(sampleRecord({ owner: 'bob' }))
 * ```
 */
export function sampleRecord(overrides: Partial<BatchRecord> = {}): BatchRecord {
  const fields = {
    batchType: 'SPARK',
    resource: 'hdfs:///jobs/report.jar',
    className: 'org.example.Report',
    name: 'daily-report',
    conf: { 'spark.executor.memory': '4g' },
    args: ['--day', '2026-11-20'],
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
    createdBy: 'conformance-1',
    appId: null,
    appUrl: null,
    appState: null,
    appDiagnostic: null,
    appStartTime: null,
    // Owned by its creator without a token, as the migration leaves a row written before leases.
    ownerInstance: overrides.createdBy ?? 'conformance-1',
    ownerToken: null,
    priority: 10,
    ...overrides,
  }
}

/**
 * A realistic submission carrying the given (or a fresh) client batch id.
 *
 * @example
 * ```ts
 * await engine.batches.submit(sampleRequest(id), { user: 'alice' })
 * ```
 */
export function sampleRequest(
  id: string = randomUUID(),
  overrides: Partial<BatchRequest> = {},
): BatchRequest {
  return {
    batchType: 'SPARK',
    resource: 'hdfs:///jobs/report.jar',
    className: 'org.example.Report',
    name: 'daily-report',
    conf: { [KYUUBI_BATCH_ID_KEY]: id, 'spark.executor.memory': '4g' },
    args: ['--day', '2026-11-20'],
    ...overrides,
  }
}
