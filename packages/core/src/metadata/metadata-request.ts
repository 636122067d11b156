/**
 * The metadata calls of HiveServer2 (JDBC's `DatabaseMetaData`), as `engine.sessions.executeMetadata`
 * takes them.
 *
 * @example
 * ```ts
 * await engine.sessions.executeMetadata(session, { kind: MetadataKind.GET_TABLES, tableNamePattern: 'sales%' }, ctx)
 * ```
 */
export const MetadataKind = {
  GET_TYPE_INFO: 'GET_TYPE_INFO',
  GET_CATALOGS: 'GET_CATALOGS',
  GET_SCHEMAS: 'GET_SCHEMAS',
  GET_TABLES: 'GET_TABLES',
  GET_TABLE_TYPES: 'GET_TABLE_TYPES',
  GET_COLUMNS: 'GET_COLUMNS',
  GET_FUNCTIONS: 'GET_FUNCTIONS',
} as const

/** One of the {@link MetadataKind} values. */
export type MetadataKind = (typeof MetadataKind)[keyof typeof MetadataKind]

/**
 * One metadata call. Patterns are JDBC's: `%` any run of characters, `_` any one, `\` takes the next
 * character as it is; absent, `null` or empty matches everything; names match ignoring case, as Hive's
 * metastore matches them. `catalogName` is a name, not a pattern (absent or empty: any catalog).
 * `tableTypes` keeps the tables of those types (absent or empty: all).
 *
 * @example
 * ```ts
 * const request: MetadataRequest = { kind: 'GET_COLUMNS', schemaPattern: 'main', tableNamePattern: 'orders' }
 * ```
 */
export type MetadataRequest =
  | { readonly kind: 'GET_TYPE_INFO' }
  | { readonly kind: 'GET_CATALOGS' }
  | { readonly kind: 'GET_TABLE_TYPES' }
  | {
      readonly kind: 'GET_SCHEMAS'
      readonly catalogName?: string | undefined
      readonly schemaPattern?: string | undefined
    }
  | {
      readonly kind: 'GET_TABLES'
      readonly catalogName?: string | undefined
      readonly schemaPattern?: string | undefined
      readonly tableNamePattern?: string | undefined
      readonly tableTypes?: readonly string[] | undefined
    }
  | {
      readonly kind: 'GET_COLUMNS'
      readonly catalogName?: string | undefined
      readonly schemaPattern?: string | undefined
      readonly tableNamePattern?: string | undefined
      readonly columnNamePattern?: string | undefined
    }
  | {
      readonly kind: 'GET_FUNCTIONS'
      readonly catalogName?: string | undefined
      readonly schemaPattern?: string | undefined
      readonly functionNamePattern: string
    }

/**
 * A {@link MetadataRequest} after `validateMetadataRequest`: its kind, and every filter of that kind
 * checked (`undefined` where not given or empty; the other kinds' fields are always `undefined`).
 */
export interface ValidatedMetadataRequest {
  readonly kind: MetadataKind
  readonly catalogName: string | undefined
  readonly schemaPattern: string | undefined
  readonly tableNamePattern: string | undefined
  readonly columnNamePattern: string | undefined
  readonly functionNamePattern: string | undefined
  /** Trimmed, without empty entries; `undefined` when none is left. */
  readonly tableTypes: readonly string[] | undefined
}
