import { thrownMessage } from '../errors/describe-value.js'
import { reportSafely } from '../errors/report-safely.js'
import type { OpenSession } from '../session/open-session.js'
import { checkStatementResult } from '../statement/check-statement-result.js'
import { failureSqlState } from '../statement/failure-sql-state.js'
import type { StatementExecutor, StatementResult } from '../statement/statement-executor.js'
import type { FetchOrientation } from '../cursor/fetch-orientation.js'
import type { RowSet } from '../cursor/row-set.js'
import type { ResultRow } from '../statement/result-column.js'
import { fetchFromCursor } from './fetch-from-cursor.js'
import { OperationState } from './operation-state.js'
import type { OperationStatus } from './operation-status.js'

/** What an operation needs from its manager. */
export interface OperationEnvironment {
  /** Epoch milliseconds. */
  readonly now: () => number
  /** Told about a cursor that failed to close when nobody waits for it. */
  readonly onBackgroundError: (error: unknown) => void
  /** Told once, synchronously, when it leaves PENDING and RUNNING (its {@link StatementOperation.state} is the end). */
  readonly ended?: ((operation: StatementOperation) => void) | undefined
}

/** A statement's operation (executeStatement), or a metadata call's (GetTables, GetColumns, ...). */
export type OperationKind = 'statement' | 'metadata'

/** How one statement is run: its text, the merged conf and its timeout (0: none). */
export interface StatementRun {
  readonly statement: string
  readonly sessionConf: Readonly<Record<string, string>>
  readonly queryTimeoutMs: number
}

/**
 * One statement's life cycle: PENDING, RUNNING while the executor works, then FINISHED (with its result),
 * ERROR, CANCELED or TIMEDOUT, and CLOSED when closed. Only the first end counts: an executor that
 * settles after its operation was cancelled, timed out or closed changes nothing, and the cursor it
 * resolved with is closed at once, so nothing leaks.
 *
 * @example
 * ```ts
 * const op = new StatementOperation(randomUUID(), session, environment, 'statement')
 * op.run(executor, { statement: 'SELECT 1', sessionConf: {}, queryTimeoutMs: 0 })
 * await op.settled
 * ```
 */
export class StatementOperation {
  #state: OperationState = OperationState.PENDING
  readonly createTime: number
  #startTime: number | undefined
  #completeTime: number | undefined
  #errorMessage: string | undefined
  #sqlState: string | undefined
  #result: StatementResult | undefined
  #statement = ''
  /** Epoch milliseconds of the last call on it, or of its end. */
  lastAccessTime: number
  /** Fetches in progress: such an operation is never idled out, and its cursor closes after them. */
  readonly #fetches = new Set<Promise<unknown>>()
  readonly #controller = new AbortController()
  #timer: NodeJS.Timeout | undefined
  #settle: () => void = () => undefined
  /** Resolves once it leaves PENDING and RUNNING, whatever the end. */
  readonly settled: Promise<void>

  constructor(
    readonly handle: string,
    readonly session: OpenSession,
    private readonly environment: OperationEnvironment,
    readonly kind: OperationKind,
  ) {
    this.createTime = environment.now()
    this.lastAccessTime = this.createTime
    this.settled = new Promise((resolve) => (this.#settle = resolve))
  }

  get state(): OperationState {
    return this.#state
  }

  /** Its result, once FINISHED (until it is closed). */
  get result(): StatementResult | undefined {
    return this.#state === OperationState.FINISHED ? this.#result : undefined
  }

  /** Still waiting for its executor. */
  get running(): boolean {
    return this.#state === OperationState.PENDING || this.#state === OperationState.RUNNING
  }

  /** Running or being fetched from: not to be idled out. */
  get busy(): boolean {
    return this.running || this.#fetches.size > 0
  }

  /**
   * Fetches a block from its result (the caller checked it is FINISHED), counting as a call at its start
   * and its end.
   */
  async fetch(
    result: StatementResult,
    orientation: FetchOrientation,
    maxRows: number,
    offset: number | undefined,
  ): Promise<RowSet<ResultRow>> {
    this.touch()
    const fetching = fetchFromCursor(result.cursor, orientation, maxRows, offset)
    this.#fetches.add(fetching)
    try {
      return await fetching
    } finally {
      this.#fetches.delete(fetching)
      this.touch()
    }
  }

  /** Calls the executor once; its settling ends the operation unless something ended it first. */
  run(executor: StatementExecutor, run: StatementRun): void {
    this.#statement = run.statement
    this.#state = OperationState.RUNNING
    this.#startTime = this.environment.now()
    if (run.queryTimeoutMs > 0) {
      // unref: a statement's timeout must never keep the host's process alive.
      this.#timer = setTimeout(() => {
        this.#timeOut(run.queryTimeoutMs)
      }, run.queryTimeoutMs).unref()
    }
    const context = { user: this.session.user, sessionConf: run.sessionConf, signal: this.#controller.signal }
    // The Promise constructor turns a synchronous throw into a rejection and adopts any thenable.
    new Promise<unknown>((resolve) => {
      resolve(executor.execute(run.statement, context))
    }).then(
      (value) => {
        this.#executed(value)
      },
      (error: unknown) => {
        this.#failed(error)
      },
    )
  }

  /** Records a call on it (and so on its session). */
  touch(): void {
    const now = this.environment.now()
    if (now > this.lastAccessTime) this.lastAccessTime = now
    this.session.touch(now)
  }

  /** Moves a running operation to CANCELED and aborts the executor's signal; an ended one is left. */
  cancel(by: string): void {
    if (!this.running) return
    this.#end(OperationState.CANCELED)
    this.#controller.abort(new DOMException(`operation ${this.handle} was canceled by ${by}`, 'AbortError'))
  }

  /**
   * Moves it to CLOSED and closes its cursor once the fetches under way have settled (whatever the
   * host's cursor does about fetches it is closed during). The executor's signal is aborted in every
   * state, as `ExecuteContext.signal` promises: at once when it is running, else once those fetches
   * settled (an executor may tie what a finished result holds to the signal, and a fetch under way
   * must still be answered). A cursor that fails to close goes to `onBackgroundError`: the operation is
   * gone either way.
   */
  async close(): Promise<void> {
    if (this.#state === OperationState.CLOSED) return
    const wasRunning = this.running
    this.#end(OperationState.CLOSED)
    if (wasRunning) this.#abortClosed()
    const result = this.#result
    this.#result = undefined
    while (this.#fetches.size > 0) await Promise.allSettled(this.#fetches)
    this.#abortClosed()
    if (result !== undefined) await this.#closeCursor(result.cursor)
  }

  /** A no-op when a cancel or the query timeout aborted it already (their reason stays). */
  #abortClosed(): void {
    this.#controller.abort(new DOMException(`operation ${this.handle} was closed`, 'AbortError'))
  }

  /** Its public description. */
  status(): OperationStatus {
    return {
      handle: this.handle,
      sessionHandle: this.session.handle,
      user: this.session.user,
      statement: this.#statement,
      state: this.#state,
      createTime: this.createTime,
      startTime: this.#startTime,
      completeTime: this.#completeTime,
      errorMessage: this.#errorMessage,
      sqlState: this.#sqlState,
      hasResultSet: this.#state === OperationState.FINISHED,
    }
  }

  #executed(value: unknown): void {
    const checked = checkStatementResult(value)
    if (this.#state !== OperationState.RUNNING) {
      // Cancelled, timed out or closed meanwhile: nobody will read this result.
      void this.#closeCursor(checked.ok ? checked.result.cursor : checked.cursor)
      return
    }
    if (!checked.ok) {
      this.#end(
        OperationState.ERROR,
        `the statement executor resolved with an unusable result: ${checked.problem}`,
      )
      void this.#closeCursor(checked.cursor)
      return
    }
    this.#result = checked.result
    this.#end(OperationState.FINISHED)
  }

  #failed(error: unknown): void {
    if (this.#state !== OperationState.RUNNING) return
    // An empty message would leave the client with nothing to act on.
    const message = thrownMessage(error) || 'the statement executor failed without a message'
    this.#end(OperationState.ERROR, message, failureSqlState(error))
  }

  #timeOut(timeoutMs: number): void {
    if (!this.running) return
    const message = `the statement ran longer than its query timeout of ${timeoutMs} ms`
    this.#end(OperationState.TIMEDOUT, message)
    this.#controller.abort(new DOMException(message, 'TimeoutError'))
  }

  #end(state: OperationState, errorMessage?: string, sqlState?: string): void {
    const ending = this.running
    this.#state = state
    this.#completeTime ??= this.environment.now()
    if (errorMessage !== undefined) this.#errorMessage = errorMessage
    if (sqlState !== undefined) this.#sqlState = sqlState
    clearTimeout(this.#timer)
    // Its end counts as activity: the idle timeouts count from when it finished, not when it started.
    // Being closed does not: a caller's close is touched by the manager, an idle one's must not keep
    // its session open.
    if (state !== OperationState.CLOSED) this.touch()
    this.#settle()
    if (ending) this.environment.ended?.(this)
  }

  async #closeCursor(cursor: { close(): Promise<void> } | undefined): Promise<void> {
    if (cursor === undefined) return
    try {
      await cursor.close()
    } catch (error) {
      reportSafely(this.environment.onBackgroundError, error)
    }
  }
}
