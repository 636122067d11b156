import type { BatchRow } from '@batchgate/sql-store'
import type { PostgresBatchRow } from './postgres-schema.js'

/**
 * Core's row as the PostgreSQL store stores it: the free-text columns as UTF-8 bytes. Core hands the
 * store well-formed strings, so the bytes read back as the same string, NUL characters included.
 * `conf` and `args` stay `text`: they are JSON, in which `JSON.stringify` escapes U+0000 as `\u0000`.
 *
 * @example
 * ```ts
 * const row = toPostgresRow(batchToRow(record), { insert_token: newWriteToken(), state_token: null })
 * ```
 */
export function toPostgresRow(
  row: BatchRow,
  tokens: Pick<PostgresBatchRow, 'insert_token' | 'state_token'>,
): PostgresBatchRow {
  return {
    ...row,
    resource: Buffer.from(row.resource, 'utf8'),
    class_name: bytesOf(row.class_name),
    name: bytesOf(row.name),
    diagnostic: bytesOf(row.diagnostic),
    ...tokens,
  }
}

/**
 * A stored row as core's row (the write tokens left out).
 *
 * @example
 * ```ts
 * const record = batchFromRow(fromPostgresRow(stored))
 * ```
 */
export function fromPostgresRow(row: PostgresBatchRow): BatchRow {
  return {
    id: row.id,
    owner: row.owner,
    batch_type: row.batch_type,
    resource: row.resource.toString('utf8'),
    class_name: textOf(row.class_name),
    name: textOf(row.name),
    conf: row.conf,
    args: row.args,
    fingerprint: row.fingerprint,
    state: row.state,
    create_time: row.create_time,
    start_time: row.start_time,
    end_time: row.end_time,
    diagnostic: textOf(row.diagnostic),
    created_by: row.created_by,
  }
}

/** A nullable text value as UTF-8 bytes. */
export function bytesOf(text: string | null): Buffer | null {
  return text === null ? null : Buffer.from(text, 'utf8')
}

function textOf(bytes: Buffer | null): string | null {
  return bytes === null ? null : bytes.toString('utf8')
}
