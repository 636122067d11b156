import {
  TOperationType,
  type TGetCatalogsReq,
  type TGetColumnsReq,
  type TGetFunctionsReq,
  type TGetSchemasReq,
  type TGetTablesReq,
  type TGetTableTypesReq,
  type TGetTypeInfoReq,
  type TSessionHandle,
} from '../protocol/tcliservice-types.js'
import type { MetadataRequest } from '@batchgate/core'

/** A metadata call's core request and the operation type its handle carries. */
export interface MetadataCall {
  readonly sessionHandle: TSessionHandle
  readonly request: MetadataRequest
  readonly operationType: TOperationType
}

/**
 * The core request of each TCLIService metadata method (GetTypeInfo … GetFunctions) and its
 * `TOperationType`. Absent and empty-pattern fields are left out of the core request; Hive's field
 * names become core's: `schemaName` → `schemaPattern`, `tableName` → `tableNamePattern`, `columnName` →
 * `columnNamePattern`, `functionName` → `functionNamePattern`.
 *
 * @example
 * ```ts
 * metadataCalls.GetTables({ sessionHandle, schemaName: 'default' })
 * // { sessionHandle, operationType: TOperationType.GET_TABLES, request: { kind: 'GET_TABLES', schemaPattern: 'default' } }
 * ```
 */
export const metadataCalls = {
  GetTypeInfo: (request: TGetTypeInfoReq): MetadataCall => ({
    sessionHandle: request.sessionHandle,
    request: { kind: 'GET_TYPE_INFO' },
    operationType: TOperationType.GET_TYPE_INFO,
  }),
  GetCatalogs: (request: TGetCatalogsReq): MetadataCall => ({
    sessionHandle: request.sessionHandle,
    request: { kind: 'GET_CATALOGS' },
    operationType: TOperationType.GET_CATALOGS,
  }),
  GetTableTypes: (request: TGetTableTypesReq): MetadataCall => ({
    sessionHandle: request.sessionHandle,
    request: { kind: 'GET_TABLE_TYPES' },
    operationType: TOperationType.GET_TABLE_TYPES,
  }),
  GetSchemas: (request: TGetSchemasReq): MetadataCall => ({
    sessionHandle: request.sessionHandle,
    request: {
      kind: 'GET_SCHEMAS',
      ...given('catalogName', request.catalogName),
      ...given('schemaPattern', request.schemaName),
    },
    operationType: TOperationType.GET_SCHEMAS,
  }),
  GetTables: (request: TGetTablesReq): MetadataCall => ({
    sessionHandle: request.sessionHandle,
    request: {
      kind: 'GET_TABLES',
      ...given('catalogName', request.catalogName),
      ...given('schemaPattern', request.schemaName),
      ...given('tableNamePattern', request.tableName),
      ...(request.tableTypes === undefined ? {} : { tableTypes: request.tableTypes }),
    },
    operationType: TOperationType.GET_TABLES,
  }),
  GetColumns: (request: TGetColumnsReq): MetadataCall => ({
    sessionHandle: request.sessionHandle,
    request: {
      kind: 'GET_COLUMNS',
      ...given('catalogName', request.catalogName),
      ...given('schemaPattern', request.schemaName),
      ...given('tableNamePattern', request.tableName),
      ...given('columnNamePattern', request.columnName),
    },
    operationType: TOperationType.GET_COLUMNS,
  }),
  GetFunctions: (request: TGetFunctionsReq): MetadataCall => ({
    sessionHandle: request.sessionHandle,
    request: {
      kind: 'GET_FUNCTIONS',
      ...given('catalogName', request.catalogName),
      ...given('schemaPattern', request.schemaName),
      functionNamePattern: request.functionName,
    },
    operationType: TOperationType.GET_FUNCTIONS,
  }),
} as const

/** The metadata methods, by name. */
export type MetadataMethod = keyof typeof metadataCalls

function given<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined || value === '' ? {} : ({ [key]: value } as Partial<Record<K, string>>)
}
