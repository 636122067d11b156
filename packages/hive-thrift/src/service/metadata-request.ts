/**
 * A metadata call as core's `engine.sessions.executeMetadata` takes it (the contract of issue 15), one
 * per TCLIService `Get*` method; patterns use JDBC's `%` and `_`.
 *
 * @example
 * ```ts
 * const request: MetadataRequest = { kind: 'GET_TABLES', schemaPattern: 'default', tableNamePattern: '%' }
 * ```
 */
export type MetadataRequest =
  | { readonly kind: 'GET_TYPE_INFO' }
  | { readonly kind: 'GET_CATALOGS' }
  | { readonly kind: 'GET_TABLE_TYPES' }
  | { readonly kind: 'GET_SCHEMAS'; readonly catalogName?: string; readonly schemaPattern?: string }
  | {
      readonly kind: 'GET_TABLES'
      readonly catalogName?: string
      readonly schemaPattern?: string
      readonly tableNamePattern?: string
      readonly tableTypes?: readonly string[]
    }
  | {
      readonly kind: 'GET_COLUMNS'
      readonly catalogName?: string
      readonly schemaPattern?: string
      readonly tableNamePattern?: string
      readonly columnNamePattern?: string
    }
  | {
      readonly kind: 'GET_FUNCTIONS'
      readonly catalogName?: string
      readonly schemaPattern?: string
      readonly functionNamePattern: string
    }
