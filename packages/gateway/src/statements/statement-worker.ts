// The entry of a statement process: one SQLite connection, one statement, rows on demand. The gateway
// runs each statement in a process of its own because better-sqlite3 is synchronous and a runaway
// statement cannot be interrupted from another thread: the gateway kills this process instead.
import Database from 'better-sqlite3'
import type { CellValue, ResultColumn } from '@batchgate/core'
import { cellConverter, type CellConverter } from './cell-conversion.js'
import { hiveColumn } from './hive-column-type.js'
import { checkStatement } from './statement-policy.js'
import type { FromWorker, ToWorker } from './worker-protocol.js'
import { WorkerError } from './worker-error.js'
import { killWhenOrphaned } from './orphan-watch.js'

/** The process's title while it runs a statement (a spare keeps node's). */
const STATEMENT_PROCESS_TITLE = 'batchgate-statement'

/** A block of rows stops growing past this many bytes of text and blobs, whatever `maxRows` asked. */
const MAX_BLOCK_BYTES = 4 * 1024 * 1024

type OpenMessage = Extract<ToWorker, { type: 'open' }>

function send(message: FromWorker): void {
  // The gateway may be gone already (it stopped while this process was still loading): nobody is left to
  // answer, so end quietly, as on 'disconnect', rather than crash on an unhandled ERR_IPC_CHANNEL_CLOSED.
  process.send?.(message, undefined, undefined, (error: Error | null) => {
    if (error !== null) process.exit(0)
  })
}

function fail(error: unknown): void {
  const sqlState =
    error instanceof WorkerError ? error.sqlState : sqliteSqlState((error as { code?: unknown }).code)
  send({ type: 'error', message: error instanceof Error ? error.message : String(error), sqlState })
}

/** SQLSTATEs of the SQLite result codes a query meets. */
function sqliteSqlState(code: unknown): string | undefined {
  if (typeof code !== 'string') return undefined
  if (code === 'SQLITE_ERROR') return '42000'
  if (code.startsWith('SQLITE_READONLY')) return '25006'
  if (code.startsWith('SQLITE_AUTH')) return '42000'
  if (code.startsWith('SQLITE_NOMEM') || code.startsWith('SQLITE_TOOBIG')) return '53200'
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return '40001'
  if (code.startsWith('SQLITE_CANTOPEN')) return '08001'
  return undefined
}

function openDatabase(dataFile: string | null): Database.Database {
  // An in-memory database cannot be opened read-only; query_only refuses writes on it all the same.
  const db =
    dataFile === null
      ? new Database(':memory:')
      : new Database(dataFile, { readonly: true, fileMustExist: true })
  db.pragma('query_only = ON')
  return db
}

class StatementRun {
  private readonly iterator: Iterator<unknown[]>
  private readonly converters: readonly CellConverter[]
  readonly columns: readonly ResultColumn[]
  private lookahead: IteratorResult<unknown[]>
  private rowIndex = 0

  constructor(open: OpenMessage) {
    const db = openDatabase(open.dataFile)
    let statement: Database.Statement
    try {
      statement = db.prepare(open.statement)
    } catch (error) {
      throw new WorkerError(`the statement does not compile: ${(error as Error).message}`, '42000')
    }
    checkStatement(db, statement, open.statement)
    statement.raw(true).safeIntegers(true)
    this.iterator = statement.iterate() as Iterator<unknown[]>
    // The first row decides the types SQLite leaves open; it is kept for the first block.
    this.lookahead = this.iterator.next()
    const first = this.lookahead.done === true ? [] : this.lookahead.value
    this.columns =
      open.columns ??
      statement.columns().map((column, index) => hiveColumn(column.name, column.type, first[index] ?? null))
    this.converters = this.columns.map(cellConverter)
  }

  block(maxRows: number): FromWorker {
    const rows: CellValue[][] = []
    let bytes = 0
    while (this.lookahead.done !== true && rows.length < maxRows && bytes < MAX_BLOCK_BYTES) {
      const values = this.lookahead.value
      const row = this.converters.map((convert, index) => convert(values[index], this.rowIndex))
      for (const cell of row)
        bytes += typeof cell === 'string' || cell instanceof Uint8Array ? cell.length : 8
      rows.push(row)
      this.rowIndex++
      this.lookahead = this.iterator.next()
    }
    return { type: 'rows', rows, done: this.lookahead.done === true }
  }
}

let run: StatementRun | undefined

process.on('message', (message: ToWorker) => {
  try {
    if (message.type === 'open') {
      // Tells a spare from a process running a statement in `ps`.
      process.title = STATEMENT_PROCESS_TITLE
      run = new StatementRun(message)
      send({ type: 'ready', columns: run.columns })
    } else if (run !== undefined) {
      send(run.block(message.maxRows))
    }
  } catch (error) {
    fail(error)
  }
})
// The gateway went away: nothing is left to answer.
process.on('disconnect', () => process.exit(0))
killWhenOrphaned(1000)
send({ type: 'loaded' })
