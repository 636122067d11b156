import { TCLISERVICE_METHODS, type ServedMethod, type TCLIServiceMethod } from '../tcliservice-types.js'
import {
  CANCEL_OPERATION_REQ,
  CANCEL_OPERATION_RESP,
  CLOSE_OPERATION_REQ,
  CLOSE_OPERATION_RESP,
  FETCH_RESULTS_REQ,
  FETCH_RESULTS_RESP,
  GET_OPERATION_STATUS_REQ,
  GET_OPERATION_STATUS_RESP,
  GET_RESULT_SET_METADATA_REQ,
  GET_RESULT_SET_METADATA_RESP,
} from './operation-messages.js'
import {
  EXECUTE_STATEMENT_REQ,
  GET_CATALOGS_REQ,
  GET_COLUMNS_REQ,
  GET_FUNCTIONS_REQ,
  GET_SCHEMAS_REQ,
  GET_TABLES_REQ,
  GET_TABLE_TYPES_REQ,
  GET_TYPE_INFO_REQ,
  OPERATION_RESP,
} from './operation-start-messages.js'
import {
  CLOSE_SESSION_REQ,
  CLOSE_SESSION_RESP,
  GET_INFO_REQ,
  GET_INFO_RESP,
  OPEN_SESSION_REQ,
  OPEN_SESSION_RESP,
} from './session-messages.js'
import { STATUS } from './status-and-handles.js'
import { optional, required, struct, type StructSpec } from './thrift-schema.js'

// Which request and response struct each served method carries, and the args/result wrappers Thrift
// puts around them: the args struct holds the request as field 1 (`req`), the result struct the
// response as field 0 (`success`).

export interface MethodSchemas {
  readonly request: StructSpec
  readonly response: StructSpec
}

export const SERVED_METHOD_SCHEMAS: Readonly<Record<ServedMethod, MethodSchemas>> = {
  OpenSession: { request: OPEN_SESSION_REQ, response: OPEN_SESSION_RESP },
  CloseSession: { request: CLOSE_SESSION_REQ, response: CLOSE_SESSION_RESP },
  GetInfo: { request: GET_INFO_REQ, response: GET_INFO_RESP },
  ExecuteStatement: { request: EXECUTE_STATEMENT_REQ, response: OPERATION_RESP },
  GetTypeInfo: { request: GET_TYPE_INFO_REQ, response: OPERATION_RESP },
  GetCatalogs: { request: GET_CATALOGS_REQ, response: OPERATION_RESP },
  GetSchemas: { request: GET_SCHEMAS_REQ, response: OPERATION_RESP },
  GetTables: { request: GET_TABLES_REQ, response: OPERATION_RESP },
  GetTableTypes: { request: GET_TABLE_TYPES_REQ, response: OPERATION_RESP },
  GetColumns: { request: GET_COLUMNS_REQ, response: OPERATION_RESP },
  GetFunctions: { request: GET_FUNCTIONS_REQ, response: OPERATION_RESP },
  GetOperationStatus: { request: GET_OPERATION_STATUS_REQ, response: GET_OPERATION_STATUS_RESP },
  CancelOperation: { request: CANCEL_OPERATION_REQ, response: CANCEL_OPERATION_RESP },
  CloseOperation: { request: CLOSE_OPERATION_REQ, response: CLOSE_OPERATION_RESP },
  GetResultSetMetadata: { request: GET_RESULT_SET_METADATA_REQ, response: GET_RESULT_SET_METADATA_RESP },
  FetchResults: { request: FETCH_RESULTS_REQ, response: FETCH_RESULTS_RESP },
}

const SERVED: ReadonlySet<string> = new Set(Object.keys(SERVED_METHOD_SCHEMAS))
const ALL: ReadonlySet<string> = new Set(TCLISERVICE_METHODS)

/**
 * Whether `method` is one this package decodes and answers.
 *
 * @example
 * ```ts
 * isServedMethod('FetchResults') // true
 * isServedMethod('GetPrimaryKeys') // false: a TCLIService method, answered with an ERROR_STATUS
 * ```
 */
export function isServedMethod(method: string): method is ServedMethod {
  return SERVED.has(method)
}

/**
 * Whether `method` is a TCLIService method at all (served or not): the others get Thrift's
 * UNKNOWN_METHOD application exception.
 *
 * @example
 * ```ts
 * isTCLIServiceMethod('GetPrimaryKeys') // true
 * isTCLIServiceMethod('DropEverything') // false
 * ```
 */
export function isTCLIServiceMethod(method: string): method is TCLIServiceMethod {
  return ALL.has(method)
}

/** The args struct of a call: the request as field 1. */
export function argsSchema(request: StructSpec): StructSpec {
  return struct<{ req: unknown }>(`${request.schema.name}_args`, [required(1, 'req', request)])
}

/** The result struct of a reply: the response as field 0 (no TCLIService method declares exceptions). */
export function resultSchema(response: StructSpec): StructSpec {
  return struct<{ success: unknown }>(`${response.schema.name}_result`, [optional(0, 'success', response)])
}

/** Every TCLIService response has `1: required TStatus status`: enough to answer a method we do not serve. */
export const STATUS_ONLY_RESPONSE = struct<{ status: unknown }>('TStatusOnlyResp', [
  required(1, 'status', STATUS),
])

/** The args and result structs Thrift wraps a method's request and response in. */
export interface Wrappers {
  readonly args: StructSpec
  readonly result: StructSpec
}

/** The args and result wrapper of each served method, built once. */
const WRAPPERS = new Map<string, Wrappers>(
  Object.entries(SERVED_METHOD_SCHEMAS).map(([method, { request, response }]) => [
    method,
    { args: argsSchema(request), result: resultSchema(response) },
  ]),
)
/** The result struct of a status-only reply (to a method we do not serve). */
export const STATUS_ONLY_RESULT = resultSchema(STATUS_ONLY_RESPONSE)

/** The wrappers of a served method (a TypeError for any other: the caller's mistake). */
export function wrappersOf(method: string): Wrappers {
  const wrappers = WRAPPERS.get(method)
  if (wrappers === undefined) throw new TypeError(`${method} is not a TCLIService method this codec serves`)
  return wrappers
}
