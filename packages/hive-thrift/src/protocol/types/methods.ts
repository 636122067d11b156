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
} from './operation-messages.js'
import type {
  TExecuteStatementReq,
  TExecuteStatementResp,
  TGetCatalogsReq,
  TGetCatalogsResp,
  TGetColumnsReq,
  TGetColumnsResp,
  TGetFunctionsReq,
  TGetFunctionsResp,
  TGetSchemasReq,
  TGetSchemasResp,
  TGetTableTypesReq,
  TGetTableTypesResp,
  TGetTablesReq,
  TGetTablesResp,
  TGetTypeInfoReq,
  TGetTypeInfoResp,
} from './operation-start-messages.js'
import type {
  TCloseSessionReq,
  TCloseSessionResp,
  TGetInfoReq,
  TGetInfoResp,
  TOpenSessionReq,
  TOpenSessionResp,
} from './session-messages.js'

// The TCLIService methods: all their names, and the request and response of those served.

/** Every method of Hive's TCLIService, served here or not (`isServedMethod` tells). */
export const TCLISERVICE_METHODS = [
  'OpenSession',
  'CloseSession',
  'GetInfo',
  'ExecuteStatement',
  'GetTypeInfo',
  'GetCatalogs',
  'GetSchemas',
  'GetTables',
  'GetTableTypes',
  'GetColumns',
  'GetFunctions',
  'GetPrimaryKeys',
  'GetCrossReference',
  'GetOperationStatus',
  'CancelOperation',
  'CloseOperation',
  'GetResultSetMetadata',
  'FetchResults',
  'GetDelegationToken',
  'CancelDelegationToken',
  'RenewDelegationToken',
  'GetQueryId',
  'SetClientInfo',
  'UploadData',
  'DownloadData',
] as const
export type TCLIServiceMethod = (typeof TCLISERVICE_METHODS)[number]

/** The request and response struct of each method this package serves. */
export interface ServedMethods {
  OpenSession: { request: TOpenSessionReq; response: TOpenSessionResp }
  CloseSession: { request: TCloseSessionReq; response: TCloseSessionResp }
  GetInfo: { request: TGetInfoReq; response: TGetInfoResp }
  ExecuteStatement: { request: TExecuteStatementReq; response: TExecuteStatementResp }
  GetTypeInfo: { request: TGetTypeInfoReq; response: TGetTypeInfoResp }
  GetCatalogs: { request: TGetCatalogsReq; response: TGetCatalogsResp }
  GetSchemas: { request: TGetSchemasReq; response: TGetSchemasResp }
  GetTables: { request: TGetTablesReq; response: TGetTablesResp }
  GetTableTypes: { request: TGetTableTypesReq; response: TGetTableTypesResp }
  GetColumns: { request: TGetColumnsReq; response: TGetColumnsResp }
  GetFunctions: { request: TGetFunctionsReq; response: TGetFunctionsResp }
  GetOperationStatus: { request: TGetOperationStatusReq; response: TGetOperationStatusResp }
  CancelOperation: { request: TCancelOperationReq; response: TCancelOperationResp }
  CloseOperation: { request: TCloseOperationReq; response: TCloseOperationResp }
  GetResultSetMetadata: { request: TGetResultSetMetadataReq; response: TGetResultSetMetadataResp }
  FetchResults: { request: TFetchResultsReq; response: TFetchResultsResp }
}
export type ServedMethod = keyof ServedMethods

/** The decoded call of a served method: `args` is the request (field 1 of the args struct). */
export type ServedCall = {
  [M in ServedMethod]: { method: M; seqid: number; served: true; args: ServedMethods[M]['request'] }
}[ServedMethod]

/** A call of a method this package does not serve (or that is no TCLIService method): args skipped. */
export interface UnservedCall {
  method: string
  seqid: number
  served: false
}

/** What `decodeCall` returns. */
export type ThriftCall = ServedCall | UnservedCall

/** What `decodeReply` returns: a served method's response, or the application exception sent instead. */
export type ThriftReply =
  | {
      [M in ServedMethod]: {
        kind: 'reply'
        method: M
        seqid: number
        response: ServedMethods[M]['response']
      }
    }[ServedMethod]
  | {
      kind: 'exception'
      method: string
      seqid: number
      /** Thrift's TApplicationExceptionType, e.g. 1 = UNKNOWN_METHOD. */
      type: number
      message: string
    }
