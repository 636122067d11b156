import {
  BATCH_AUDIT_TABLE,
  auditedChangeFromRow,
  auditedChangesSql,
  batchAuditDdl,
  type AuditedChange,
  type AuditRow,
} from '@batchgate/sql-store/testing'
import { quotedTable } from '../postgres-identifiers.js'
import { withClient } from './scratch-schema.js'

/** A test's audit of every write to the batch table (see `AuditedChange`). */
export interface PostgresBatchAudit {
  /** Every change recorded so far, in order. */
  changes(): Promise<AuditedChange[]>
}

/**
 * Installs the audit triggers on the batch table of `schema` (a store must have created it) with a
 * client of the test's own, and returns their read-back.
 *
 * @example
 * ```ts
 * const audit = await installPostgresBatchAudit(fixture.uri, fixture.schema)
 * const changes = await audit.changes()
 * ```
 */
export async function installPostgresBatchAudit(uri: string, schema: string): Promise<PostgresBatchAudit> {
  await withClient(uri, async (client) => {
    for (const statement of batchAuditDdl('postgres', schema)) await client.query(statement)
  })
  return {
    changes: () =>
      withClient(uri, async (client) => {
        const { rows } = await client.query<AuditRow>(
          auditedChangesSql(quotedTable(schema, BATCH_AUDIT_TABLE)),
        )
        return rows.map(auditedChangeFromRow)
      }),
  }
}
