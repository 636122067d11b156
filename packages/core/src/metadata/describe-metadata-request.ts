import { cutText } from '../errors/describe-value.js'
import type { MetadataKind, ValidatedMetadataRequest } from './metadata-request.js'

/** HiveServer2's method name of each kind. */
const METHOD_NAMES: Readonly<Record<MetadataKind, string>> = {
  GET_TYPE_INFO: 'GetTypeInfo',
  GET_CATALOGS: 'GetCatalogs',
  GET_SCHEMAS: 'GetSchemas',
  GET_TABLES: 'GetTables',
  GET_TABLE_TYPES: 'GetTableTypes',
  GET_COLUMNS: 'GetColumns',
  GET_FUNCTIONS: 'GetFunctions',
}

/** How much of one pattern the description shows: enough to recognise it in a status. */
const SHOWN_CHARS = 200

/**
 * What a metadata operation's status shows as its `statement`: the method and the filters given, e.g.
 * `GetTables(schema=%, table=t%)`. It holds only what the caller sent (names and patterns, each cut to
 * 200 characters), never anything of the session.
 *
 * @example
 * ```ts
 * describeMetadataRequest(validateMetadataRequest({ kind: 'GET_COLUMNS', tableNamePattern: 'orders' }, limits))
 * // 'GetColumns(table=orders)'
 * ```
 */
export function describeMetadataRequest(request: ValidatedMetadataRequest): string {
  const parts: string[] = []
  const add = (label: string, value: string | undefined): void => {
    if (value !== undefined) parts.push(`${label}=${cutText(value, SHOWN_CHARS)}`)
  }
  add('catalog', request.catalogName)
  add('schema', request.schemaPattern)
  add('table', request.tableNamePattern)
  add('column', request.columnNamePattern)
  add('function', request.functionNamePattern)
  if (request.tableTypes !== undefined) add('types', `[${request.tableTypes.join(', ')}]`)
  return `${METHOD_NAMES[request.kind]}(${parts.join(', ')})`
}
