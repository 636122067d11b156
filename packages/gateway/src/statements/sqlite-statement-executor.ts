import {
  cursorFromIterable,
  StatementError,
  type CellValue,
  type ExecuteContext,
  type ResultColumn,
  type StatementExecutor,
  type StatementResult,
} from '@batchgate/core'
import { sqliteCatalog } from './sqlite-catalog.js'
import { StatementProcess } from './statement-process.js'
import { SpareWorker } from './spare-worker.js'
import { TimeBudget } from './time-budget.js'

/**
 * Options of {@link sqliteStatementExecutor}. Only `dataFile` is required.
 *
 * @example
 * ```ts
 * const options: SqliteStatementExecutorOptions = { dataFile: './sales.db', statementTimeoutMs: 30_000, maxProcesses: 8 }
 * ```
 */
export interface SqliteStatementExecutorOptions {
  /** The database statements run against, opened read-only; `null` for an empty in-memory one. */
  readonly dataFile: string | null
  /** The time one statement may spend working, summed over its fetches (default 60 000 ms). */
  readonly statementTimeoutMs?: number | undefined
  /** Statement processes alive at once, over all operations (default 16); more are refused. */
  readonly maxProcesses?: number | undefined
  /**
   * Statement processes one user may hold at once (default half of `maxProcesses`, at least 1), so
   * that one user who leaves results unread cannot take every process from the others.
   */
  readonly maxProcessesPerUser?: number | undefined
  /** Rows a cursor keeps behind its furthest block for moves back (default 1000). */
  readonly scrollbackRows?: number | undefined
}

/** Rows a statement process sends per question, whatever a client fetches. */
const BLOCK_ROWS = 512

/** Rows one catalog query may answer (tables, or columns of all tables): the answer is held in memory. */
const MAX_CATALOG_ROWS = 100_000

/**
 * A `StatementExecutor` over a SQLite file: each operation gets its own read-only connection in a
 * process of its own (so that a runaway statement is killed at its time bound, and the gateway's event
 * loop never waits on SQLite), and its rows stream through a cursor that holds only a window of them.
 * One process more is kept started ahead of need, so a statement does not wait for one to start.
 * Only queries of the `--data` database run: writes, ATTACH/DETACH and `load_extension` are refused
 * before they run (see `checkStatement`). Cancelling, closing or timing out the operation kills its
 * process. A move back beyond the cursor's window runs the statement again from its start. Its
 * `catalog` (see {@link sqliteCatalog}) answers the metadata calls from the same file, the same way.
 *
 * @example
 * ```ts
 * const executor = sqliteStatementExecutor({ dataFile: './sales.db', statementTimeoutMs: 30_000 })
 * const { columns, cursor } = await executor.execute('select * from sales', { user: 'alice', sessionConf: {}, signal })
 * ```
 */
export function sqliteStatementExecutor(options: SqliteStatementExecutorOptions): StatementExecutor {
  const { dataFile, statementTimeoutMs = 60_000, maxProcesses = 16, scrollbackRows = 1000 } = options
  const maxProcessesPerUser = options.maxProcessesPerUser ?? Math.max(1, Math.floor(maxProcesses / 2))
  let alive = 0
  const aliveByUser = new Map<string, number>()
  const spare = new SpareWorker()

  async function startProcess(
    statement: string,
    columns: readonly ResultColumn[] | null,
    budget: TimeBudget,
    context: ExecuteContext,
  ): Promise<StatementProcess> {
    const { user, signal } = context
    const ofUser = aliveByUser.get(user) ?? 0
    if (ofUser >= maxProcessesPerUser) {
      throw new StatementError(
        `you have too many statements open on this gateway (${maxProcessesPerUser}); close finished operations and retry`,
        { sqlState: '53000' },
      )
    }
    if (alive >= maxProcesses) {
      throw new StatementError(
        `too many statements are open on this gateway (${maxProcesses}); close finished operations and retry`,
        { sqlState: '53000' },
      )
    }
    alive++
    aliveByUser.set(user, ofUser + 1)
    return StatementProcess.start(
      {
        dataFile,
        statement,
        columns,
        budget,
        signal,
        onExit: () => {
          alive--
          const left = (aliveByUser.get(user) ?? 1) - 1
          if (left === 0) aliveByUser.delete(user)
          else aliveByUser.set(user, left)
        },
      },
      spare.take(),
    )
  }

  /**
   * One fixed catalog query read to its end. It runs as a statement does, in a process of its own with
   * the statement's time bound, counted against the same process limits and killed when the operation
   * is cancelled or closed, rather than in the gateway's own process with a read-only connection:
   * better-sqlite3 is synchronous, so a file locked by a writer (SQLite's busy wait) or a schema of
   * many thousands of objects would hold the gateway's event loop, and every client with it.
   */
  async function readAll(
    sql: string,
    columns: readonly ResultColumn[],
    context: ExecuteContext,
  ): Promise<(readonly CellValue[])[]> {
    const running = await startProcess(sql, columns, new TimeBudget(statementTimeoutMs), context)
    try {
      const rows: (readonly CellValue[])[] = []
      for (;;) {
        const block = await running.next(BLOCK_ROWS)
        rows.push(...block.rows)
        if (rows.length > MAX_CATALOG_ROWS) {
          throw new StatementError(
            `the database describes more than ${MAX_CATALOG_ROWS} catalog entries, more than the gateway answers`,
            { sqlState: '54000' },
          )
        }
        if (block.done) return rows
      }
    } finally {
      running.kill()
    }
  }

  return {
    catalog: sqliteCatalog(readAll),
    async execute(statement: string, context: ExecuteContext): Promise<StatementResult> {
      const budget = new TimeBudget(statementTimeoutMs)
      const first = await startProcess(statement, null, budget, context)
      const { columns } = first
      let unused: StatementProcess | undefined = first
      const cursor = cursorFromIterable<readonly CellValue[]>(
        () => {
          // The first pass reads the process that executed the statement; a re-opened pass runs it anew.
          const ready = unused
          unused = undefined
          return rowsOf(() => ready ?? startProcess(statement, columns, budget, context))
        },
        { scrollbackRows, reopenable: true },
      )
      return {
        columns,
        cursor: {
          fetch: (orientation, maxRows, offset) => cursor.fetch(orientation, maxRows, offset),
          // A cursor closed before its first fetch never read the first process: free it here.
          close: async () => {
            unused?.kill()
            unused = undefined
            await cursor.close()
          },
        },
      }
    },
  }
}

async function* rowsOf(
  start: () => StatementProcess | Promise<StatementProcess>,
): AsyncGenerator<readonly CellValue[]> {
  const running = await start()
  try {
    for (;;) {
      const block = await running.next(BLOCK_ROWS)
      yield* block.rows
      if (block.done) return
    }
  } finally {
    running.kill()
  }
}
