import { BatchgateError, ErrorCode } from '@batchgate/core/store'
import { type InsertedBatchRow } from '@batchgate/sql-store'

/** The `text` columns a row's values go to as they are (the free text goes to `bytea`). */
const TEXT_COLUMNS = [
  'owner',
  'batch_type',
  'created_by',
  'fingerprint',
  'owner_instance',
  'owner_token',
] as const satisfies readonly (keyof InsertedBatchRow)[]
/** `id varchar(36)`; core only ever sends canonical UUIDs. */
const ID_PATTERN = /^[\x20-\x7e]{1,36}$/
/** `owner_token varchar(64)`, in characters (a lease token: core makes random UUIDs). */
const MAX_OWNER_TOKEN_CHARACTERS = 64
/** A `text` or `bytea` value: at most 1 GB. */
const MAX_FIELD_BYTES = 1024 * 1024 * 1024 - 1

/**
 * Rejects a row that its columns cannot hold, before sending it, with an error that names the field:
 * the server would refuse it anyway (U+0000 in `text` is SQLSTATE 22021), with an error that reads
 * like an outage. The user, the batch type and the instance id are `text` so that they read as text
 * and are indexed as such; they come from the host (its authentication, its launchers, its
 * configuration), where a NUL character is a mistake.
 *
 * @example
 * ```ts
 * checkColumnLimits(batchToRow(record)) // throws INVALID_REQUEST for a user with a NUL in it
 * ```
 */
export function checkColumnLimits(row: InsertedBatchRow): void {
  if (!ID_PATTERN.test(row.id)) {
    throw rejected(
      `batch id ${JSON.stringify(row.id)} does not fit the PostgreSQL metastore (36 ASCII characters)`,
    )
  }
  if (row.owner_token !== null && Array.from(row.owner_token).length > MAX_OWNER_TOKEN_CHARACTERS) {
    throw rejected(
      `lease token is longer than the PostgreSQL metastore's ${MAX_OWNER_TOKEN_CHARACTERS} characters`,
    )
  }
  for (const column of TEXT_COLUMNS) {
    if (row[column]?.includes('\0') === true) {
      throw rejected(`${column} holds a NUL character, which the PostgreSQL metastore cannot store`)
    }
  }
  for (const column of ['resource', 'class_name', 'name', 'conf', 'args', 'diagnostic'] as const) {
    const value = row[column]
    if (value !== null && value.length * 3 > MAX_FIELD_BYTES && Buffer.byteLength(value) > MAX_FIELD_BYTES) {
      throw rejected(
        `${column} holds more than the PostgreSQL metastore's ${MAX_FIELD_BYTES} bytes per field`,
      )
    }
  }
}

function rejected(message: string): BatchgateError {
  return new BatchgateError(ErrorCode.INVALID_REQUEST, message)
}
