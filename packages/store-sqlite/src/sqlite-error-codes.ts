import { findInCauseChain } from '@batchgate/core/store'

/** better-sqlite3's extended result codes that mean "the unique key already holds this value". */
const DUPLICATE_KEY_CODES: ReadonlySet<string> = new Set([
  'SQLITE_CONSTRAINT_PRIMARYKEY',
  'SQLITE_CONSTRAINT_UNIQUE',
])

/** Another connection holds a lock we need: waiting and trying again will succeed. */
const BUSY_CODE_PREFIXES = ['SQLITE_BUSY', 'SQLITE_LOCKED'] as const

/**
 * The SQLite result code of the first error in `error`'s cause chain that has one (better-sqlite3's
 * `SqliteError.code`, e.g. `SQLITE_CONSTRAINT_PRIMARYKEY`).
 *
 * @example
 * ```ts
 * sqliteErrorCode(new Error('wrapped', { cause: sqliteError })) // 'SQLITE_BUSY'
 * ```
 */
export function sqliteErrorCode(error: unknown): string | undefined {
  const found = findInCauseChain(error, (candidate) => typeof codeOf(candidate) === 'string')
  return codeOf(found)
}

/** Whether the error (or one it wraps) is a unique or primary key violation. */
export function isSqliteDuplicateKey(error: unknown): boolean {
  const code = sqliteErrorCode(error)
  return code !== undefined && DUPLICATE_KEY_CODES.has(code)
}

/** Whether the error (or one it wraps) says the database is locked by another connection. */
export function isSqliteBusy(error: unknown): boolean {
  const code = sqliteErrorCode(error)
  return code !== undefined && BUSY_CODE_PREFIXES.some((prefix) => code.startsWith(prefix))
}

function codeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const code = (value as { code?: unknown }).code
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined
}
