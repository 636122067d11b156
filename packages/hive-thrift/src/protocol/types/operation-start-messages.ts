import type { TOperationHandle, TSessionHandle, TStatus } from './status-and-handles.js'

// The calls that start an operation: ExecuteStatement and the JDBC metadata calls.

export interface TExecuteStatementReq {
  sessionHandle: TSessionHandle
  statement: string
  confOverlay?: Record<string, string> | undefined
  /** Absent means false: answer only when the statement is done. */
  runAsync?: boolean | undefined
  /** Seconds; absent or 0 means no timeout. */
  queryTimeout?: bigint | undefined
}

/** The answer of every call that starts an operation (ExecuteStatement and the Get* metadata calls). */
export interface TOperationResp {
  status: TStatus
  operationHandle?: TOperationHandle | undefined
}

export type TExecuteStatementResp = TOperationResp

export interface TGetTypeInfoReq {
  sessionHandle: TSessionHandle
}
export type TGetTypeInfoResp = TOperationResp

export interface TGetCatalogsReq {
  sessionHandle: TSessionHandle
}
export type TGetCatalogsResp = TOperationResp

export interface TGetSchemasReq {
  sessionHandle: TSessionHandle
  catalogName?: string | undefined
  schemaName?: string | undefined
}
export type TGetSchemasResp = TOperationResp

export interface TGetTablesReq {
  sessionHandle: TSessionHandle
  catalogName?: string | undefined
  schemaName?: string | undefined
  tableName?: string | undefined
  tableTypes?: string[] | undefined
}
export type TGetTablesResp = TOperationResp

export interface TGetTableTypesReq {
  sessionHandle: TSessionHandle
}
export type TGetTableTypesResp = TOperationResp

export interface TGetColumnsReq {
  sessionHandle: TSessionHandle
  catalogName?: string | undefined
  schemaName?: string | undefined
  tableName?: string | undefined
  columnName?: string | undefined
}
export type TGetColumnsResp = TOperationResp

export interface TGetFunctionsReq {
  sessionHandle: TSessionHandle
  catalogName?: string | undefined
  schemaName?: string | undefined
  functionName: string
}
export type TGetFunctionsResp = TOperationResp
