import type { EnumValue } from './encodable.js'
import type { TRowSet } from './row-set.js'
import type { TOperationHandle, TOperationState, TStatus } from './status-and-handles.js'
import type { TTableSchema } from './table-schema.js'

// The calls on an operation: status, cancel, close, result schema, results.

export const TJobExecutionStatus = {
  IN_PROGRESS: 0,
  COMPLETE: 1,
  NOT_AVAILABLE: 2,
} as const
export type TJobExecutionStatus = EnumValue<typeof TJobExecutionStatus>

/** Beeline's progress bar table (protocol V10+). */
export interface TProgressUpdateResp {
  headerNames: string[]
  rows: string[][]
  progressedPercentage: number
  status: TJobExecutionStatus
  footerSummary: string
  /** Epoch milliseconds. */
  startTime: bigint
}

export interface TGetOperationStatusReq {
  operationHandle: TOperationHandle
  getProgressUpdate?: boolean | undefined
}

export interface TGetOperationStatusResp {
  status: TStatus
  operationState?: TOperationState | undefined
  sqlState?: string | undefined
  errorCode?: number | undefined
  errorMessage?: string | undefined
  taskStatus?: string | undefined
  /** Epoch milliseconds. */
  operationStarted?: bigint | undefined
  /** Epoch milliseconds. */
  operationCompleted?: bigint | undefined
  hasResultSet?: boolean | undefined
  progressUpdateResponse?: TProgressUpdateResp | undefined
  /** Hive 4 (field 11): rows a DML statement changed. */
  numModifiedRows?: bigint | undefined
}

export interface TCancelOperationReq {
  operationHandle: TOperationHandle
}
export interface TCancelOperationResp {
  status: TStatus
}

export interface TCloseOperationReq {
  operationHandle: TOperationHandle
}
export interface TCloseOperationResp {
  status: TStatus
}

export interface TGetResultSetMetadataReq {
  operationHandle: TOperationHandle
}
export interface TGetResultSetMetadataResp {
  status: TStatus
  schema?: TTableSchema | undefined
}

export const TFetchOrientation = {
  FETCH_NEXT: 0,
  FETCH_PRIOR: 1,
  FETCH_RELATIVE: 2,
  FETCH_ABSOLUTE: 3,
  FETCH_FIRST: 4,
  FETCH_LAST: 5,
} as const
export type TFetchOrientation = EnumValue<typeof TFetchOrientation>

export interface TFetchResultsReq {
  operationHandle: TOperationHandle
  orientation: TFetchOrientation
  maxRows: bigint
  /** 0 (or absent): the query's results; 1: its log. */
  fetchType?: number | undefined
}

export interface TFetchResultsResp {
  status: TStatus
  hasMoreRows?: boolean | undefined
  results?: TRowSet | undefined
}
