import type { BatchRecord } from '../metastore/batch-record.js'
import type { Batch } from './batch.js'

/** The public view of a stored row, with the answer's `batchInfo`. */
export function batchFromRecord(
  record: BatchRecord,
  batchInfo: Readonly<Record<string, string>> = {},
): Batch {
  return {
    id: record.id,
    user: record.owner,
    batchType: record.batchType,
    resource: record.resource,
    className: record.className ?? undefined,
    name: record.name ?? undefined,
    conf: record.conf,
    args: record.args,
    state: record.state,
    createTime: record.createTime,
    startTime: record.startTime ?? undefined,
    endTime: record.endTime ?? undefined,
    diagnostic: record.diagnostic ?? undefined,
    createdBy: record.createdBy,
    ownerInstance: record.ownerInstance ?? undefined,
    appId: record.appId ?? undefined,
    appUrl: record.appUrl ?? undefined,
    appState: record.appState ?? undefined,
    appDiagnostic: record.appDiagnostic ?? undefined,
    appStartTime: record.appStartTime ?? undefined,
    batchInfo,
  }
}
