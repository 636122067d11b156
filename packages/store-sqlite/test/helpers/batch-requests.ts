import { randomUUID } from 'node:crypto'
import { KYUUBI_BATCH_ID_KEY, type BatchRequest } from '@batchgate/core'

/** A realistic request carrying the given (or a fresh) client batch id. */
export function sparkRequest(id: string = randomUUID(), overrides: Partial<BatchRequest> = {}): BatchRequest {
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
