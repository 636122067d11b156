/**
 * `"schema"."table"`, each part quoted as PostgreSQL quotes identifiers (a `"` doubled), so that any
 * schema name the options accept is safe in SQL text.
 *
 * @example
 * ```ts
 * quotedTable('my "odd" schema', 'batchgate_batch') // '"my ""odd"" schema"."batchgate_batch"'
 * ```
 */
export function quotedTable(schema: string, table: string): string {
  return `${quoted(schema)}.${quoted(table)}`
}

/** One identifier, quoted. */
export function quoted(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`
}
