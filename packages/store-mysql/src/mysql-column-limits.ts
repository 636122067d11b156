import { BatchgateError, ErrorCode } from '@batchgate/core/store'
import type { InsertedBatchRow } from '@batchgate/sql-store'

/** `owner varchar(255)`: counted in characters (code points), as MySQL counts them. */
export const MAX_OWNER_CHARACTERS = 255
/** `mediumtext`: counted in bytes. */
const MAX_TEXT_BYTES = 16 * 1024 * 1024 - 1
const TEXT_COLUMNS = [
  'batch_type',
  'resource',
  'class_name',
  'name',
  'conf',
  'args',
  'fingerprint',
  'diagnostic',
  'created_by',
  'owner_instance',
] as const satisfies readonly (keyof InsertedBatchRow)[]
/** `id varchar(36) character set ascii`; core only ever sends canonical UUIDs. */
const ID_PATTERN = /^[\x20-\x7e]{1,36}$/
/** `owner_token varchar(64)`: counted in characters (code points); a lease token (core makes UUIDs). */
const MAX_OWNER_TOKEN_CHARACTERS = 64

/**
 * Rejects a row that its columns cannot hold, before sending it, with an error that names the field:
 * in strict mode the server would refuse it anyway, with an error that reads like an outage.
 *
 * @example
 * ```ts
 * checkColumnLimits(batchToRow(record)) // throws INVALID_REQUEST for a 300-character user
 * ```
 */
export function checkColumnLimits(row: InsertedBatchRow): void {
  if (!ID_PATTERN.test(row.id)) {
    throw rejected(
      `batch id ${JSON.stringify(row.id)} does not fit the MySQL metastore (36 ASCII characters)`,
    )
  }
  if (row.owner_token !== null && Array.from(row.owner_token).length > MAX_OWNER_TOKEN_CHARACTERS) {
    throw rejected(
      `lease token is longer than the MySQL metastore's ${MAX_OWNER_TOKEN_CHARACTERS} characters`,
    )
  }
  // Code points, as MySQL counts characters (JavaScript's `length` counts UTF-16 units).
  const ownerCharacters = Array.from(row.owner).length
  if (ownerCharacters > MAX_OWNER_CHARACTERS) {
    throw rejected(
      `user is ${ownerCharacters} characters long; the MySQL metastore stores users of at most ${MAX_OWNER_CHARACTERS}`,
    )
  }
  for (const column of TEXT_COLUMNS) {
    const value = row[column]
    if (value !== null && value.length * 3 > MAX_TEXT_BYTES && Buffer.byteLength(value) > MAX_TEXT_BYTES) {
      throw rejected(`${column} holds more than the MySQL metastore's ${MAX_TEXT_BYTES} bytes per field`)
    }
  }
}

function rejected(message: string): BatchgateError {
  return new BatchgateError(ErrorCode.INVALID_REQUEST, message)
}
