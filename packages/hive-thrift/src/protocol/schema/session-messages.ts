import type {
  TCloseSessionReq,
  TCloseSessionResp,
  TGetInfoReq,
  TGetInfoResp,
  TGetInfoValue,
  TOpenSessionReq,
  TOpenSessionResp,
} from '../tcliservice-types.js'
import { SESSION_HANDLE, STATUS } from './status-and-handles.js'
import { ENUM, I16, I32, I64, STRING, map, optional, required, struct, union } from './thrift-schema.js'

// The session's own calls: open, close, and GetInfo (ODBC's SQLGetInfo, which JDBC drivers ask first).

export const OPEN_SESSION_REQ = struct<TOpenSessionReq>('TOpenSessionReq', [
  required(1, 'client_protocol', ENUM),
  optional(2, 'username', STRING),
  optional(3, 'password', STRING),
  optional(4, 'configuration', map(STRING, STRING)),
])

export const OPEN_SESSION_RESP = struct<TOpenSessionResp>('TOpenSessionResp', [
  required(1, 'status', STATUS),
  required(2, 'serverProtocolVersion', ENUM),
  optional(3, 'sessionHandle', SESSION_HANDLE),
  optional(4, 'configuration', map(STRING, STRING)),
])

export const CLOSE_SESSION_REQ = struct<TCloseSessionReq>('TCloseSessionReq', [
  required(1, 'sessionHandle', SESSION_HANDLE),
])

export const CLOSE_SESSION_RESP = struct<TCloseSessionResp>('TCloseSessionResp', [
  required(1, 'status', STATUS),
])

export const GET_INFO_VALUE = union<TGetInfoValue>('TGetInfoValue', [
  optional(1, 'stringValue', STRING),
  optional(2, 'smallIntValue', I16),
  optional(3, 'integerBitmask', I32),
  optional(4, 'integerFlag', I32),
  optional(5, 'binaryValue', I32),
  optional(6, 'lenValue', I64),
])

export const GET_INFO_REQ = struct<TGetInfoReq>('TGetInfoReq', [
  required(1, 'sessionHandle', SESSION_HANDLE),
  required(2, 'infoType', ENUM),
])

export const GET_INFO_RESP = struct<TGetInfoResp>('TGetInfoResp', [
  required(1, 'status', STATUS),
  required(2, 'infoValue', GET_INFO_VALUE),
])
