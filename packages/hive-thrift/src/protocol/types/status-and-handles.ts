import type { EnumValue } from './encodable.js'

// The status every response carries, and the session and operation handles.

export const TStatusCode = {
  SUCCESS_STATUS: 0,
  SUCCESS_WITH_INFO_STATUS: 1,
  STILL_EXECUTING_STATUS: 2,
  ERROR_STATUS: 3,
  INVALID_HANDLE_STATUS: 4,
} as const
export type TStatusCode = EnumValue<typeof TStatusCode>

/** Every response's field 1: success, or what went wrong. */
export interface TStatus {
  statusCode: TStatusCode
  infoMessages?: string[] | undefined
  sqlState?: string | undefined
  errorCode?: number | undefined
  errorMessage?: string | undefined
}

export const TOperationState = {
  INITIALIZED_STATE: 0,
  RUNNING_STATE: 1,
  FINISHED_STATE: 2,
  CANCELED_STATE: 3,
  CLOSED_STATE: 4,
  ERROR_STATE: 5,
  /** Spelled so in Hive's IDL. */
  UKNOWN_STATE: 6,
  PENDING_STATE: 7,
  TIMEDOUT_STATE: 8,
} as const
export type TOperationState = EnumValue<typeof TOperationState>

export const TOperationType = {
  EXECUTE_STATEMENT: 0,
  GET_TYPE_INFO: 1,
  GET_CATALOGS: 2,
  GET_SCHEMAS: 3,
  GET_TABLES: 4,
  GET_TABLE_TYPES: 5,
  GET_COLUMNS: 6,
  GET_FUNCTIONS: 7,
  UNKNOWN: 8,
} as const
export type TOperationType = EnumValue<typeof TOperationType>

/** A session's or an operation's id: a 16-byte guid and a 16-byte secret. */
export interface THandleIdentifier {
  guid: Buffer
  secret: Buffer
}

export interface TSessionHandle {
  sessionId: THandleIdentifier
}

export interface TOperationHandle {
  operationId: THandleIdentifier
  operationType: TOperationType
  hasResultSet: boolean
  modifiedRowCount?: number | undefined
}
