// The TypeScript shapes of the TCLIService structs, unions and enums that this package serves, named
// as in Hive's IDL (service-rpc/if/TCLIService.thrift) so that code reads like the HiveServer2 docs.
// `idl/tcliservice.thrift` is the wire spec these mirror; the codec's schemas give each field its id
// and Thrift type.
//
// Conventions:
// - i64 fields are `bigint` (what the decoder returns). The encoder also takes numbers: its parameters
//   are `Encodable<T>`, which widens every i64 to `bigint | number`.
// - binary fields are `Buffer`; Thrift maps are plain objects keyed by string.
// - A Thrift union is an interface whose fields are all optional: exactly one is set on the wire
//   (the encoder refuses zero or several).
// - Enums are `const` objects of numbers with a same-named type. A decoded enum field holds the
//   number on the wire, which a newer peer may send outside the values listed here.

/** Widens every i64 (`bigint`) in T to `bigint | number`: what the encoder accepts. */
export type Encodable<T> = T extends bigint
  ? bigint | number
  : T extends Buffer
    ? T
    : T extends readonly (infer E)[]
      ? readonly Encodable<E>[]
      : T extends object
        ? { [K in keyof T]: Encodable<T[K]> }
        : T

type EnumValue<E> = E[keyof E]

/** The HiveServer2 protocol versions; the server answers with the lower of the client's and its own. */
export const TProtocolVersion = {
  HIVE_CLI_SERVICE_PROTOCOL_V1: 0,
  HIVE_CLI_SERVICE_PROTOCOL_V2: 1,
  HIVE_CLI_SERVICE_PROTOCOL_V3: 2,
  HIVE_CLI_SERVICE_PROTOCOL_V4: 3,
  HIVE_CLI_SERVICE_PROTOCOL_V5: 4,
  HIVE_CLI_SERVICE_PROTOCOL_V6: 5,
  HIVE_CLI_SERVICE_PROTOCOL_V7: 6,
  HIVE_CLI_SERVICE_PROTOCOL_V8: 7,
  HIVE_CLI_SERVICE_PROTOCOL_V9: 8,
  HIVE_CLI_SERVICE_PROTOCOL_V10: 9,
  /** Hive 3.1+ (timestamp with local time zone); clients such as hive-driver may send it. */
  HIVE_CLI_SERVICE_PROTOCOL_V11: 10,
} as const
export type TProtocolVersion = EnumValue<typeof TProtocolVersion>

/** Hive's column type ids (TTypeDesc). */
export const TTypeId = {
  BOOLEAN_TYPE: 0,
  TINYINT_TYPE: 1,
  SMALLINT_TYPE: 2,
  INT_TYPE: 3,
  BIGINT_TYPE: 4,
  FLOAT_TYPE: 5,
  DOUBLE_TYPE: 6,
  STRING_TYPE: 7,
  TIMESTAMP_TYPE: 8,
  BINARY_TYPE: 9,
  ARRAY_TYPE: 10,
  MAP_TYPE: 11,
  STRUCT_TYPE: 12,
  UNION_TYPE: 13,
  USER_DEFINED_TYPE: 14,
  DECIMAL_TYPE: 15,
  NULL_TYPE: 16,
  DATE_TYPE: 17,
  VARCHAR_TYPE: 18,
  CHAR_TYPE: 19,
  INTERVAL_YEAR_MONTH_TYPE: 20,
  INTERVAL_DAY_TIME_TYPE: 21,
  /** Hive's IDL calls it TIMESTAMPTZ_TYPE, hive-driver's copy TIMESTAMPLOCALTZ_TYPE: the same 22. */
  TIMESTAMPLOCALTZ_TYPE: 22,
} as const
export type TTypeId = EnumValue<typeof TTypeId>

/** A type qualifier (union: exactly one field set), e.g. a VARCHAR's characterMaximumLength. */
export interface TTypeQualifierValue {
  i32Value?: number | undefined
  stringValue?: string | undefined
}

export interface TTypeQualifiers {
  qualifiers: Record<string, TTypeQualifierValue>
}

export interface TPrimitiveTypeEntry {
  type: TTypeId
  typeQualifiers?: TTypeQualifiers | undefined
}

/** Entries of a TTypeDesc point at each other by index ("TTypeEntryPtr", an i32). */
export interface TArrayTypeEntry {
  objectTypePtr: number
}

export interface TMapTypeEntry {
  keyTypePtr: number
  valueTypePtr: number
}

export interface TStructTypeEntry {
  nameToTypePtr: Record<string, number>
}

export interface TUnionTypeEntry {
  nameToTypePtr: Record<string, number>
}

export interface TUserDefinedTypeEntry {
  typeClassName: string
}

/** One entry of a type descriptor (union: exactly one field set). */
export interface TTypeEntry {
  primitiveEntry?: TPrimitiveTypeEntry | undefined
  arrayEntry?: TArrayTypeEntry | undefined
  mapEntry?: TMapTypeEntry | undefined
  structEntry?: TStructTypeEntry | undefined
  unionEntry?: TUnionTypeEntry | undefined
  userDefinedTypeEntry?: TUserDefinedTypeEntry | undefined
}

/** A column's type: the top type first, nested types after it. */
export interface TTypeDesc {
  types: TTypeEntry[]
}

export interface TColumnDesc {
  columnName: string
  typeDesc: TTypeDesc
  /** 1-based ordinal of the column. */
  position: number
  comment?: string | undefined
}

export interface TTableSchema {
  columns: TColumnDesc[]
}

// Row-based result values (protocol V1..V5): an unset `value` is SQL NULL.
export interface TBoolValue {
  value?: boolean | undefined
}
export interface TByteValue {
  value?: number | undefined
}
export interface TI16Value {
  value?: number | undefined
}
export interface TI32Value {
  value?: number | undefined
}
export interface TI64Value {
  value?: bigint | undefined
}
export interface TDoubleValue {
  value?: number | undefined
}
export interface TStringValue {
  value?: string | undefined
}

/** One value of a row (union: exactly one field set). */
export interface TColumnValue {
  boolVal?: TBoolValue | undefined
  byteVal?: TByteValue | undefined
  i16Val?: TI16Value | undefined
  i32Val?: TI32Value | undefined
  i64Val?: TI64Value | undefined
  doubleVal?: TDoubleValue | undefined
  stringVal?: TStringValue | undefined
}

export interface TRow {
  colVals: TColumnValue[]
}

// Columnar result values (protocol V6+): `nulls` is a bitmap, bit i (LSB first in byte i >> 3) set
// when row i is NULL; the value at a NULL position is a placeholder.
export interface TBoolColumn {
  values: boolean[]
  nulls: Buffer
}
export interface TByteColumn {
  values: number[]
  nulls: Buffer
}
export interface TI16Column {
  values: number[]
  nulls: Buffer
}
export interface TI32Column {
  values: number[]
  nulls: Buffer
}
export interface TI64Column {
  values: bigint[]
  nulls: Buffer
}
export interface TDoubleColumn {
  values: number[]
  nulls: Buffer
}
export interface TStringColumn {
  values: string[]
  nulls: Buffer
}
export interface TBinaryColumn {
  values: Buffer[]
  nulls: Buffer
}

/** One column of a columnar row set (union: exactly one field set). */
export interface TColumn {
  boolVal?: TBoolColumn | undefined
  byteVal?: TByteColumn | undefined
  i16Val?: TI16Column | undefined
  i32Val?: TI32Column | undefined
  i64Val?: TI64Column | undefined
  doubleVal?: TDoubleColumn | undefined
  stringVal?: TStringColumn | undefined
  binaryVal?: TBinaryColumn | undefined
}

/** A page of results: `rows` for V1..V5 clients, `columns` (and an empty `rows`) for V6+. */
export interface TRowSet {
  /** The 0-based position of the first row of this page in the whole result. */
  startRowOffset: bigint
  rows: TRow[]
  columns?: TColumn[] | undefined
  binaryColumns?: Buffer | undefined
  columnCount?: number | undefined
}

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

export interface TOpenSessionReq {
  /** Spelled with an underscore in Hive's IDL. */
  client_protocol: TProtocolVersion
  username?: string | undefined
  password?: string | undefined
  configuration?: Record<string, string> | undefined
}

export interface TOpenSessionResp {
  status: TStatus
  serverProtocolVersion: TProtocolVersion
  sessionHandle?: TSessionHandle | undefined
  configuration?: Record<string, string> | undefined
}

export interface TCloseSessionReq {
  sessionHandle: TSessionHandle
}

export interface TCloseSessionResp {
  status: TStatus
}

/** ODBC's SQLGetInfo keys (not contiguous). */
export const TGetInfoType = {
  CLI_MAX_DRIVER_CONNECTIONS: 0,
  CLI_MAX_CONCURRENT_ACTIVITIES: 1,
  CLI_DATA_SOURCE_NAME: 2,
  CLI_FETCH_DIRECTION: 8,
  CLI_SERVER_NAME: 13,
  CLI_SEARCH_PATTERN_ESCAPE: 14,
  CLI_DBMS_NAME: 17,
  CLI_DBMS_VER: 18,
  CLI_ACCESSIBLE_TABLES: 19,
  CLI_ACCESSIBLE_PROCEDURES: 20,
  CLI_CURSOR_COMMIT_BEHAVIOR: 23,
  CLI_DATA_SOURCE_READ_ONLY: 25,
  CLI_DEFAULT_TXN_ISOLATION: 26,
  CLI_IDENTIFIER_CASE: 28,
  CLI_IDENTIFIER_QUOTE_CHAR: 29,
  CLI_MAX_COLUMN_NAME_LEN: 30,
  CLI_MAX_CURSOR_NAME_LEN: 31,
  CLI_MAX_SCHEMA_NAME_LEN: 32,
  CLI_MAX_CATALOG_NAME_LEN: 34,
  CLI_MAX_TABLE_NAME_LEN: 35,
  CLI_SCROLL_CONCURRENCY: 43,
  CLI_TXN_CAPABLE: 46,
  CLI_USER_NAME: 47,
  CLI_TXN_ISOLATION_OPTION: 72,
  CLI_INTEGRITY: 73,
  CLI_GETDATA_EXTENSIONS: 81,
  CLI_NULL_COLLATION: 85,
  CLI_ALTER_TABLE: 86,
  CLI_ORDER_BY_COLUMNS_IN_SELECT: 90,
  CLI_SPECIAL_CHARACTERS: 94,
  CLI_MAX_COLUMNS_IN_GROUP_BY: 97,
  CLI_MAX_COLUMNS_IN_INDEX: 98,
  CLI_MAX_COLUMNS_IN_ORDER_BY: 99,
  CLI_MAX_COLUMNS_IN_SELECT: 100,
  CLI_MAX_COLUMNS_IN_TABLE: 101,
  CLI_MAX_INDEX_SIZE: 102,
  CLI_MAX_ROW_SIZE: 104,
  CLI_MAX_STATEMENT_LEN: 105,
  CLI_MAX_TABLES_IN_SELECT: 106,
  CLI_MAX_USER_NAME_LEN: 107,
  CLI_OJ_CAPABILITIES: 115,
  CLI_XOPEN_CLI_YEAR: 10000,
  CLI_CURSOR_SENSITIVITY: 10001,
  CLI_DESCRIBE_PARAMETER: 10002,
  CLI_CATALOG_NAME: 10003,
  CLI_COLLATION_SEQ: 10004,
  CLI_MAX_IDENTIFIER_LEN: 10005,
  /** In hive-driver's copy of the IDL, not (yet) in Hive's. */
  CLI_ODBC_KEYWORDS: 10006,
} as const
export type TGetInfoType = EnumValue<typeof TGetInfoType>

/** A GetInfo answer (union: exactly one field set). */
export interface TGetInfoValue {
  stringValue?: string | undefined
  smallIntValue?: number | undefined
  integerBitmask?: number | undefined
  integerFlag?: number | undefined
  binaryValue?: number | undefined
  lenValue?: bigint | undefined
}

export interface TGetInfoReq {
  sessionHandle: TSessionHandle
  infoType: TGetInfoType
}

export interface TGetInfoResp {
  status: TStatus
  infoValue: TGetInfoValue
}

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

/** Every method of Hive's TCLIService, served here or not (see `SERVED_METHODS` in the codec). */
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
