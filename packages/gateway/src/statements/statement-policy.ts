import { WorkerError } from './worker-error.js'
import type Database from 'better-sqlite3'

/**
 * Internal functions that ATTACH and DETACH compile to. `sqlite3_stmt_readonly` is true for both (they
 * write no database file), so the check reads the compiled program instead of the statement's text.
 */
const FORBIDDEN_FUNCTIONS: Readonly<Record<string, string>> = {
  sqlite_attach: "ATTACH is not allowed: statements reach only the gateway's --data database",
  sqlite_detach: "DETACH is not allowed: statements reach only the gateway's --data database",
  load_extension: 'load_extension is not allowed: the gateway loads no SQLite extensions',
}

/** One instruction of `EXPLAIN`'s output (https://sqlite.org/opcode.html). */
interface Instruction {
  readonly opcode: string
  readonly p4: unknown
}

/**
 * Refuses, before it runs, a statement that could reach beyond the read-only `--data` database: one
 * that writes (`sqlite3_stmt_readonly` false: INSERT, CREATE, VACUUM INTO, a journal-mode change…),
 * one that returns no rows (ATTACH, DETACH, BEGIN, a pragma that sets something: only queries are
 * served), and one whose compiled program calls ATTACH's or DETACH's internal function or
 * `load_extension`. Each refusal is a `WorkerError` with SQLSTATE 42000 (25006 for a write) and
 * says why.
 *
 * @example
 * ```ts
 * checkStatement(db, db.prepare(sql)) // throws for "ATTACH 'other.db' AS o"
 * ```
 */
export function checkStatement(db: Database.Database, statement: Database.Statement, text: string): void {
  if (!statement.readonly) {
    throw new WorkerError('the statement would write: the gateway serves read-only queries only', '25006')
  }
  for (const instruction of db.prepare(`EXPLAIN ${text}`).all() as Instruction[]) {
    if (instruction.opcode !== 'Function' && instruction.opcode !== 'PureFunc') continue
    const called = typeof instruction.p4 === 'string' ? instruction.p4.replace(/\(\d+\)$/, '') : ''
    const reason = FORBIDDEN_FUNCTIONS[called]
    if (reason !== undefined) throw new WorkerError(reason, '42000')
  }
  if (!statement.reader) {
    throw new WorkerError('the statement returns no rows: the gateway serves queries only', '42000')
  }
}
