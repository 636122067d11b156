import {
  auditedChangeFromRow,
  auditedChangesSql,
  batchAuditDdl,
  type AuditedChange,
  type AuditRow,
} from '@batchgate/sql-store/testing'
import { createConnection, type RowDataPacket } from 'mysql2/promise'

/** A test's audit of every write to the batch table (see `AuditedChange`). */
export interface MysqlBatchAudit {
  /** Every change recorded so far, in order. */
  changes(): Promise<AuditedChange[]>
}

/**
 * Installs the audit triggers on the batch table of the database `uri` names (a store must have
 * created it) with a connection of the test's own, and returns their read-back.
 *
 * @example
 * ```ts
 * const audit = await installMysqlBatchAudit(fixture.uri)
 * const changes = await audit.changes()
 * ```
 */
export async function installMysqlBatchAudit(uri: string): Promise<MysqlBatchAudit> {
  await withConnection(uri, async (connection) => {
    for (const statement of batchAuditDdl('mysql')) await connection.query(statement)
  })
  return {
    changes: () =>
      withConnection(uri, async (connection) => {
        const [rows] = await connection.query<RowDataPacket[]>(auditedChangesSql())
        return rows.map((row) => auditedChangeFromRow(row as AuditRow))
      }),
  }
}

async function withConnection<T>(
  uri: string,
  use: (connection: Awaited<ReturnType<typeof createConnection>>) => Promise<T>,
): Promise<T> {
  const connection = await createConnection({ uri, supportBigNumbers: true })
  try {
    return await use(connection)
  } finally {
    await connection.end()
  }
}
