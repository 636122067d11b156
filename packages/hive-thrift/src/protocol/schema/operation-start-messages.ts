import type {
  TExecuteStatementReq,
  TGetCatalogsReq,
  TGetColumnsReq,
  TGetFunctionsReq,
  TGetSchemasReq,
  TGetTablesReq,
  TGetTableTypesReq,
  TGetTypeInfoReq,
  TOperationResp,
} from '../tcliservice-types.js'
import { OPERATION_HANDLE, SESSION_HANDLE, STATUS } from './status-and-handles.js'
import { BOOL, I64, STRING, list, map, optional, required, struct } from './thrift-schema.js'

// The calls that start an operation in a session: a statement, or one of the JDBC DatabaseMetaData
// catalog calls. All answer with a status and the new operation's handle.

export const OPERATION_RESP = struct<TOperationResp>('TOperationResp', [
  required(1, 'status', STATUS),
  optional(2, 'operationHandle', OPERATION_HANDLE),
])

export const EXECUTE_STATEMENT_REQ = struct<TExecuteStatementReq>('TExecuteStatementReq', [
  required(1, 'sessionHandle', SESSION_HANDLE),
  required(2, 'statement', STRING),
  optional(3, 'confOverlay', map(STRING, STRING)),
  optional(4, 'runAsync', BOOL),
  optional(5, 'queryTimeout', I64),
])

export const GET_TYPE_INFO_REQ = struct<TGetTypeInfoReq>('TGetTypeInfoReq', [
  required(1, 'sessionHandle', SESSION_HANDLE),
])

export const GET_CATALOGS_REQ = struct<TGetCatalogsReq>('TGetCatalogsReq', [
  required(1, 'sessionHandle', SESSION_HANDLE),
])

export const GET_SCHEMAS_REQ = struct<TGetSchemasReq>('TGetSchemasReq', [
  required(1, 'sessionHandle', SESSION_HANDLE),
  optional(2, 'catalogName', STRING),
  optional(3, 'schemaName', STRING),
])

export const GET_TABLES_REQ = struct<TGetTablesReq>('TGetTablesReq', [
  required(1, 'sessionHandle', SESSION_HANDLE),
  optional(2, 'catalogName', STRING),
  optional(3, 'schemaName', STRING),
  optional(4, 'tableName', STRING),
  optional(5, 'tableTypes', list(STRING)),
])

export const GET_TABLE_TYPES_REQ = struct<TGetTableTypesReq>('TGetTableTypesReq', [
  required(1, 'sessionHandle', SESSION_HANDLE),
])

export const GET_COLUMNS_REQ = struct<TGetColumnsReq>('TGetColumnsReq', [
  required(1, 'sessionHandle', SESSION_HANDLE),
  optional(2, 'catalogName', STRING),
  optional(3, 'schemaName', STRING),
  optional(4, 'tableName', STRING),
  optional(5, 'columnName', STRING),
])

export const GET_FUNCTIONS_REQ = struct<TGetFunctionsReq>('TGetFunctionsReq', [
  required(1, 'sessionHandle', SESSION_HANDLE),
  optional(2, 'catalogName', STRING),
  optional(3, 'schemaName', STRING),
  required(4, 'functionName', STRING),
])
