import { DuplicateKeyError, findInCauseChain, type BatchRecord } from '@batchgate/core/store'
import { DelegatingStore } from '../delegating-store.js'

/**
 * Whether a driver error is an integrity-constraint violation of any kind — the family, not the unique
 * key: SQLite's `SQLITE_CONSTRAINT_*` (CHECK, NOT NULL as well as PRIMARYKEY), SQLSTATE class 23 as
 * mysql2 carries it on `sqlState` (`23000` for a duplicate entry and for a NULL alike) and node-postgres
 * on `code` (`23502`, `23514` as well as `23505`).
 */
function isAnyConstraintViolation(candidate: unknown): boolean {
  if (typeof candidate !== 'object' || candidate === null) return false
  const { code, sqlState } = candidate as { code?: unknown; sqlState?: unknown }
  if (typeof code === 'string' && (code.startsWith('SQLITE_CONSTRAINT') || /^23[0-9A-Z]{3}$/.test(code))) {
    return true
  }
  return typeof sqlState === 'string' && sqlState.startsWith('23')
}

/**
 * A store that classifies duplicates by the error family instead of the unique-key code: every
 * constraint error of an insert becomes a `DuplicateKeyError`. Duplicates are still right, so only a
 * case that provokes another constraint error catches it.
 */
export class ConstraintErrorsAsDuplicates extends DelegatingStore {
  override async insertBatch(record: BatchRecord): Promise<void> {
    await super.insertBatch(record).catch((error: unknown) => {
      const violation = findInCauseChain(error, isAnyConstraintViolation)
      if (violation !== undefined) throw new DuplicateKeyError('batch', record.id, violation)
      throw error
    })
  }
}
