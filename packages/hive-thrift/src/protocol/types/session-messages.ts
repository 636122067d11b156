import type { EnumValue } from './encodable.js'
import type { TSessionHandle, TStatus } from './status-and-handles.js'

// The session's own calls: OpenSession, CloseSession, GetInfo.

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
