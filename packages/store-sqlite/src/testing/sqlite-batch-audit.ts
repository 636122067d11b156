import {
  auditedChangeFromRow,
  auditedChangesSql,
  batchAuditDdl,
  type AuditedChange,
  type AuditRow,
} from '@batchgate/sql-store/testing'
import Database from 'better-sqlite3'

/** A test's audit of every write to the batch table (see `AuditedChange`). */
export interface SqliteBatchAudit {
  /** Every change recorded so far, in order. */
  changes(): Promise<AuditedChange[]>
}

/**
 * Installs the audit triggers on the batch table of `filename` (a store must have created it) with a
 * connection of the test's own, and returns their read-back. Every process writing the file records
 * its writes through them.
 *
 * @example
 * ```ts
 * const audit = installSqliteBatchAudit(fixture.filename)
 * const changes = await audit.changes()
 * ```
 */
export function installSqliteBatchAudit(filename: string): SqliteBatchAudit {
  const database = new Database(filename, { timeout: 5000 })
  try {
    database.transaction(() => {
      for (const statement of batchAuditDdl('sqlite')) database.exec(statement)
    })()
  } finally {
    database.close()
  }
  return {
    changes() {
      const reader = new Database(filename, { readonly: true, fileMustExist: true, timeout: 5000 })
      try {
        const rows = reader.prepare(auditedChangesSql()).all() as AuditRow[]
        return Promise.resolve(rows.map(auditedChangeFromRow))
      } finally {
        reader.close()
      }
    },
  }
}
