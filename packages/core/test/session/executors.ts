import {
  cursorFromArray,
  HiveType,
  StatementError,
  type ExecuteContext,
  type OperationCursor,
  type ResultColumn,
  type ResultRow,
  type StatementExecutor,
  type StatementResult,
} from '@batchgate/core'

/** The columns of the test tables: an id and a name. */
export const COLUMNS: readonly ResultColumn[] = [
  { name: 'id', type: HiveType.BIGINT },
  { name: 'name', type: HiveType.STRING, comment: 'who' },
]

/** `count` rows `[i, 'row-i']`. */
export function tableRows(count: number): ResultRow[] {
  return Array.from({ length: count }, (_, i) => [i, `row-${i}`])
}

/** A cursor over `rows` that counts its closes. */
export interface TrackedCursor extends OperationCursor<ResultRow> {
  readonly closes: number
}

export function trackedCursor(rows: readonly ResultRow[]): TrackedCursor {
  const inner = cursorFromArray(rows)
  let closes = 0
  return {
    get closes() {
      return closes
    },
    fetch: (orientation, maxRows, offset) => inner.fetch(orientation, maxRows, offset),
    close: async () => {
      closes++
      await inner.close()
    },
  }
}

/** An executor answering every statement with `rows`, remembering what it was called with. */
export function rowsExecutor(rows: readonly ResultRow[] = tableRows(10)): StatementExecutor & {
  readonly calls: { statement: string; context: ExecuteContext }[]
  readonly cursors: TrackedCursor[]
} {
  const calls: { statement: string; context: ExecuteContext }[] = []
  const cursors: TrackedCursor[] = []
  return {
    calls,
    cursors,
    execute(statement, context) {
      calls.push({ statement, context })
      const cursor = trackedCursor(rows)
      cursors.push(cursor)
      return Promise.resolve({ columns: COLUMNS, cursor })
    },
  }
}

/**
 * An executor that runs until its signal aborts, then rejects with the signal's reason, as a well-behaved
 * executor does; `started` resolves with each call's signal.
 */
export function waitingExecutor(): StatementExecutor & {
  readonly signals: AbortSignal[]
  started(): Promise<AbortSignal>
} {
  const signals: AbortSignal[] = []
  const waiters: ((signal: AbortSignal) => void)[] = []
  return {
    signals,
    started: () => {
      const already = signals.at(-1)
      return already === undefined
        ? new Promise((resolve) => waiters.push(resolve))
        : Promise.resolve(already)
    },
    execute(_statement, { signal }) {
      signals.push(signal)
      for (const wake of waiters.splice(0)) wake(signal)
      return new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => {
          reject(signal.reason as Error)
        })
      })
    },
  }
}

/** An executor whose calls the test settles by hand (to resolve one after its operation ended). */
export function manualExecutor(): StatementExecutor & {
  readonly pending: {
    resolve(result: StatementResult): void
    reject(error: unknown): void
    signal: AbortSignal
  }[]
} {
  const pending: {
    resolve(result: StatementResult): void
    reject(error: unknown): void
    signal: AbortSignal
  }[] = []
  return {
    pending,
    execute: (_statement, { signal }) =>
      new Promise((resolve, reject) => {
        pending.push({ resolve, reject, signal })
      }),
  }
}

/** An executor that rejects with a StatementError carrying SQLSTATE 42S02. */
export const missingTableExecutor: StatementExecutor = {
  execute: (statement) =>
    Promise.reject(new StatementError(`table not found in: ${statement}`, { sqlState: '42S02' })),
}

/** An executor that throws (synchronously) something that is not an Error. */
export const throwingExecutor: StatementExecutor = {
  execute: () => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a host's executor may throw anything
    throw Object.assign(Object.create(null) as object, { reason: 'disk on fire' })
  },
}
