import type { InsertedBatchRow } from '@batchgate/sql-store'
import type { PostgresBatchRow } from './postgres-schema.js'

/**
 * Core's row as the PostgreSQL store inserts it: the free-text columns as UTF-8 bytes. Core hands the
 * store well-formed strings, so the bytes read back as the same string, NUL characters included (the
 * store's pool reads `bytea` back as that string: postgres-type-parsers.ts). `conf` and `args` stay
 * `text`: they are JSON, in which `JSON.stringify` escapes U+0000 as `\u0000`.
 *
 * @example
 * ```ts
 * const row = toPostgresRow(batchToRow(record), { insert_token: newWriteToken(), state_token: null })
 * ```
 */
export function toPostgresRow(
  row: InsertedBatchRow,
  tokens: Pick<PostgresBatchRow, 'insert_token' | 'state_token'>,
): PostgresBatchRow {
  return {
    ...row,
    resource: Buffer.from(row.resource, 'utf8'),
    class_name: bytesOf(row.class_name),
    name: bytesOf(row.name),
    diagnostic: bytesOf(row.diagnostic),
    app_diagnostic: bytesOf(row.app_diagnostic),
    ...tokens,
  }
}

/** A nullable text value as UTF-8 bytes. */
function bytesOf(text: string | null): Buffer | null {
  return text === null ? null : Buffer.from(text, 'utf8')
}
