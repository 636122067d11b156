import type {
  TCancelOperationReq,
  TCancelOperationResp,
  TCloseOperationReq,
  TCloseOperationResp,
  TFetchResultsReq,
  TFetchResultsResp,
  TGetOperationStatusReq,
  TGetOperationStatusResp,
  TGetResultSetMetadataReq,
  TGetResultSetMetadataResp,
  TProgressUpdateResp,
} from '../tcliservice-types.js'
import { ROW_SET } from './row-set.js'
import { OPERATION_HANDLE, STATUS } from './status-and-handles.js'
import { TABLE_SCHEMA } from './table-schema.js'
import {
  BOOL,
  DOUBLE,
  ENUM,
  I16,
  I32,
  I64,
  STRING,
  list,
  optional,
  required,
  struct,
} from './thrift-schema.js'

// The calls on a running or finished operation: its status, cancel, close, its result's schema and
// its pages of results.

export const PROGRESS_UPDATE_RESP = struct<TProgressUpdateResp>('TProgressUpdateResp', [
  required(1, 'headerNames', list(STRING)),
  required(2, 'rows', list(list(STRING))),
  required(3, 'progressedPercentage', DOUBLE),
  required(4, 'status', ENUM),
  required(5, 'footerSummary', STRING),
  required(6, 'startTime', I64),
])

export const GET_OPERATION_STATUS_REQ = struct<TGetOperationStatusReq>('TGetOperationStatusReq', [
  required(1, 'operationHandle', OPERATION_HANDLE),
  optional(2, 'getProgressUpdate', BOOL),
])

export const GET_OPERATION_STATUS_RESP = struct<TGetOperationStatusResp>('TGetOperationStatusResp', [
  required(1, 'status', STATUS),
  optional(2, 'operationState', ENUM),
  optional(3, 'sqlState', STRING),
  optional(4, 'errorCode', I32),
  optional(5, 'errorMessage', STRING),
  optional(6, 'taskStatus', STRING),
  optional(7, 'operationStarted', I64),
  optional(8, 'operationCompleted', I64),
  optional(9, 'hasResultSet', BOOL),
  optional(10, 'progressUpdateResponse', PROGRESS_UPDATE_RESP),
  optional(11, 'numModifiedRows', I64),
])

export const CANCEL_OPERATION_REQ = struct<TCancelOperationReq>('TCancelOperationReq', [
  required(1, 'operationHandle', OPERATION_HANDLE),
])

export const CANCEL_OPERATION_RESP = struct<TCancelOperationResp>('TCancelOperationResp', [
  required(1, 'status', STATUS),
])

export const CLOSE_OPERATION_REQ = struct<TCloseOperationReq>('TCloseOperationReq', [
  required(1, 'operationHandle', OPERATION_HANDLE),
])

export const CLOSE_OPERATION_RESP = struct<TCloseOperationResp>('TCloseOperationResp', [
  required(1, 'status', STATUS),
])

export const GET_RESULT_SET_METADATA_REQ = struct<TGetResultSetMetadataReq>('TGetResultSetMetadataReq', [
  required(1, 'operationHandle', OPERATION_HANDLE),
])

export const GET_RESULT_SET_METADATA_RESP = struct<TGetResultSetMetadataResp>('TGetResultSetMetadataResp', [
  required(1, 'status', STATUS),
  optional(2, 'schema', TABLE_SCHEMA),
])

export const FETCH_RESULTS_REQ = struct<TFetchResultsReq>('TFetchResultsReq', [
  required(1, 'operationHandle', OPERATION_HANDLE),
  required(2, 'orientation', ENUM),
  required(3, 'maxRows', I64),
  optional(4, 'fetchType', I16),
])

export const FETCH_RESULTS_RESP = struct<TFetchResultsResp>('TFetchResultsResp', [
  required(1, 'status', STATUS),
  optional(2, 'hasMoreRows', BOOL),
  optional(3, 'results', ROW_SET),
])
