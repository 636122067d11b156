import type { THandleIdentifier, TOperationHandle, TSessionHandle, TStatus } from '../tcliservice-types.js'
import { BINARY, BOOL, DOUBLE, ENUM, I32, STRING, list, optional, required, struct } from './thrift-schema.js'

// The structs every call carries: the status of each response and the session and operation handles.

export const STATUS = struct<TStatus>('TStatus', [
  required(1, 'statusCode', ENUM),
  optional(2, 'infoMessages', list(STRING)),
  optional(3, 'sqlState', STRING),
  optional(4, 'errorCode', I32),
  optional(5, 'errorMessage', STRING),
])

export const HANDLE_IDENTIFIER = struct<THandleIdentifier>('THandleIdentifier', [
  required(1, 'guid', BINARY),
  required(2, 'secret', BINARY),
])

export const SESSION_HANDLE = struct<TSessionHandle>('TSessionHandle', [
  required(1, 'sessionId', HANDLE_IDENTIFIER),
])

export const OPERATION_HANDLE = struct<TOperationHandle>('TOperationHandle', [
  required(1, 'operationId', HANDLE_IDENTIFIER),
  required(2, 'operationType', ENUM),
  required(3, 'hasResultSet', BOOL),
  optional(4, 'modifiedRowCount', DOUBLE),
])
