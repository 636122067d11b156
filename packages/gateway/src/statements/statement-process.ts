/// <reference types="node" preserve="true" />
import type { ChildProcess } from 'node:child_process'
import { StatementError, type CellValue, type ResultColumn } from '@batchgate/core'
import type { TimeBudget } from './time-budget.js'
import { forkStatementWorker, type StartedWorker } from './worker-fork.js'
import type { FromWorker, ToWorker } from './worker-protocol.js'

/** A block of rows from the process, and whether the result ended with it. */
export interface RowBlock {
  readonly rows: readonly (readonly CellValue[])[]
  readonly done: boolean
}

/** Where and how a statement process runs. */
export interface StatementProcessSpec {
  readonly dataFile: string | null
  readonly statement: string
  readonly columns: readonly ResultColumn[] | null
  readonly budget: TimeBudget
  /** Kills the process; an answer awaited then rejects. */
  readonly signal: AbortSignal
  /** Called once, when the process is killed or has exited (whichever comes first), whatever the reason. */
  readonly onExit: () => void
}

/**
 * One statement on its own connection in its own process, asked for rows one block at a time. Every
 * question runs against the statement's {@link TimeBudget}: when it runs out, the process is killed
 * (SIGKILL: SQLite busy in native code answers nothing else) and the question rejects with
 * SQLSTATE HYT00. The gateway's event loop never waits on SQLite.
 *
 * @example
 * ```ts
 * const process = await StatementProcess.start({ dataFile, statement, columns: null, budget, signal, onExit })
 * const block = await process.next(500)
 * process.kill()
 * ```
 */
export class StatementProcess {
  #pending: { resolve: (message: FromWorker) => void; reject: (error: Error) => void } | undefined
  #exited = false
  #released = false
  #killedFor: StatementError | undefined
  columns: readonly ResultColumn[] = []

  private constructor(
    private readonly child: ChildProcess,
    private readonly spec: StatementProcessSpec,
  ) {}

  /**
   * Starts the statement in `worker` (one that has not run a statement yet) and
   * resolves once it is compiled, checked and its first row read.
   */
  static async start(
    spec: StatementProcessSpec,
    worker: StartedWorker = forkStatementWorker(),
  ): Promise<StatementProcess> {
    const running = new StatementProcess(worker.child, spec)
    running.#watch()
    try {
      // The time bound is the statement's: a process slow to load (a busy machine) does not use it up.
      if (!(await worker.loaded)) {
        throw (
          running.#killedFor ??
          new StatementError('the statement process did not start in time', { sqlState: '58000' })
        )
      }
      const ready = await running.#ask({
        type: 'open',
        dataFile: spec.dataFile,
        statement: spec.statement,
        columns: spec.columns,
      })
      if (ready.type !== 'ready') throw running.#unexpected(ready)
      running.columns = ready.columns
      return running
    } catch (error) {
      running.kill()
      throw error
    }
  }

  /** The next block of at most `maxRows` rows. */
  async next(maxRows: number): Promise<RowBlock> {
    const answer = await this.#ask({ type: 'next', maxRows })
    if (answer.type !== 'rows') throw this.#unexpected(answer)
    return answer
  }

  /** Ends the process (idempotent). */
  kill(reason?: StatementError): void {
    this.#killedFor ??= reason
    if (!this.#exited) this.child.kill('SIGKILL')
    // SIGKILL cannot be refused: the slot is free now, not a few milliseconds later at its exit, so a
    // client that closes an operation and runs the next one at once is not refused.
    this.#release()
  }

  #release(): void {
    if (this.#released) return
    this.#released = true
    this.spec.onExit()
  }

  #watch(): void {
    const { child, spec } = this
    child.on('message', (message: FromWorker) => {
      if (message.type === 'loaded') return
      const pending = this.#pending
      this.#pending = undefined
      pending?.resolve(message)
    })
    const onAbort = (): void => {
      this.kill(new StatementError('the statement was cancelled', { sqlState: '57014' }))
    }
    spec.signal.addEventListener('abort', onAbort, { once: true })
    if (spec.signal.aborted) onAbort()
    child.on('error', () => {
      // 'exit' follows (or the process never started: then 'exit' does not, so reject here).
      if (child.pid === undefined) this.#onExit('could not start')
    })
    child.on('exit', (code, signal) => {
      spec.signal.removeEventListener('abort', onAbort)
      this.#onExit(`exited (${signal ?? `code ${String(code)}`}); its stderr is the gateway's`)
    })
  }

  #onExit(how: string): void {
    if (this.#exited) return
    this.#exited = true
    const pending = this.#pending
    this.#pending = undefined
    pending?.reject(
      this.#killedFor ?? new StatementError(`the statement process ${how}`, { sqlState: '58000' }),
    )
    this.#release()
  }

  #ask(message: ToWorker): Promise<FromWorker> {
    if (this.#exited) {
      return Promise.reject(
        this.#killedFor ?? new StatementError('the statement process has ended', { sqlState: '58000' }),
      )
    }
    const { budget } = this.spec
    return new Promise<FromWorker>((resolve, reject) => {
      const stop = budget.start(() => {
        this.kill(
          new StatementError(
            `the statement ran longer than its limit of ${budget.limitMs} ms and was stopped`,
            { sqlState: 'HYT00' },
          ),
        )
      })
      this.#pending = {
        resolve: (answer) => {
          stop()
          if (answer.type === 'error')
            reject(new StatementError(answer.message, { sqlState: answer.sqlState }))
          else resolve(answer)
        },
        reject: (error) => {
          stop()
          reject(error)
        },
      }
      try {
        this.child.send(message)
      } catch (error) {
        // The channel closed under us: the process is going, and its exit would answer too late.
        this.#pending = undefined
        stop()
        this.kill()
        reject(new StatementError('the statement process is gone', { sqlState: '58000', cause: error }))
      }
    })
  }

  #unexpected(answer: FromWorker): StatementError {
    this.kill()
    return new StatementError(`the statement process answered ${answer.type} out of turn`, {
      sqlState: '58000',
    })
  }
}
