import { randomUUID } from 'node:crypto'
import { inject, injectable, optional } from 'inversify'
import { CallTracker } from '../async/call-tracker.js'
import { sweepPeriodically } from '../async/sweep-timer.js'
import type { RequestContext } from '../batch/batch.js'
import { validateUser } from '../batch/validate-request.js'
import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import type { FetchOrientation } from '../cursor/fetch-orientation.js'
import type { RowSet } from '../cursor/row-set.js'
import { describeMetadataRequest } from '../metadata/describe-metadata-request.js'
import type { ValidatedMetadataRequest } from '../metadata/metadata-request.js'
import { metadataExecutor } from '../metadata/metadata-executor.js'
import { CLOCK, epochMillis, type Clock } from '../ports/clock.js'
import { handleKey, operationNotFound } from '../session/handle.js'
import type { OpenSession } from '../session/open-session.js'
import type { ResultColumn, ResultRow } from '../statement/result-column.js'
import { STATEMENT_EXECUTOR, type StatementExecutor } from '../statement/statement-executor.js'
import { OperationState } from './operation-state.js'
import type { OperationService } from './operation-service.js'
import { OPERATION_SETTINGS, type OperationSettings } from './operation-settings.js'
import type { OperationStatus } from './operation-status.js'
import { StatementOperation, type OperationKind, type StatementRun } from './statement-operation.js'
import { fetchChannel } from '../diagnostics/fetch-channel.js'
import { publishOperationEvent } from './operation-events.js'
import { fetchMessage, tracedFetch } from './traced-fetch.js'

/**
 * The statement operations of this instance, in memory: `engine.operations`. The `SessionManager` starts
 * them in its sessions; callers read, fetch, cancel and close them by handle. Only the user who opened
 * the operation's session may use it.
 *
 * @example
 * ```ts
 * const handle = await engine.sessions.executeStatement(session.handle, { statement: 'SELECT 1' }, ctx)
 * engine.operations.status(handle, ctx).state // 'FINISHED'
 * ```
 */
@injectable()
export class OperationManager implements OperationService {
  readonly #operations = new Map<string, StatementOperation>()
  readonly #calls = new CallTracker()
  #timer: NodeJS.Timeout | undefined

  constructor(
    @inject(CLOCK) private readonly clock: Clock,
    @inject(OPERATION_SETTINGS) private readonly config: OperationSettings,
    @inject(STATEMENT_EXECUTOR) @optional() private readonly executor: StatementExecutor | undefined,
  ) {}

  /** How many operations are open on this instance. */
  get size(): number {
    return this.#operations.size
  }

  status(handle: string, context: RequestContext): OperationStatus {
    const operation = this.#owned(handle, context)
    operation.touch()
    return operation.status()
  }

  resultMetadata(handle: string, context: RequestContext): readonly ResultColumn[] {
    const operation = this.#owned(handle, context)
    operation.touch()
    return finishedResult(operation, 'read its result metadata').columns
  }

  fetch(
    handle: string,
    orientation: FetchOrientation,
    maxRows: number,
    offset: number | undefined,
    context: RequestContext,
  ): Promise<RowSet<ResultRow>> {
    if (fetchChannel.hasSubscribers) {
      return tracedFetch(fetchMessage(this.config.instanceId, handle, orientation, maxRows), () =>
        this.#fetch(handle, orientation, maxRows, offset, context),
      )
    }
    return this.#fetch(handle, orientation, maxRows, offset, context)
  }

  #fetch(
    handle: string,
    orientation: FetchOrientation,
    maxRows: number,
    offset: number | undefined,
    context: RequestContext,
  ): Promise<RowSet<ResultRow>> {
    return this.#calls.run(async () => {
      const operation = this.#owned(handle, context)
      operation.touch()
      return operation.fetch(finishedResult(operation, 'fetch its rows'), orientation, maxRows, offset)
    })
  }

  cancel(handle: string, context: RequestContext): Promise<OperationStatus> {
    return this.#calls.run(() => {
      const operation = this.#owned(handle, context)
      operation.touch()
      operation.cancel(operation.session.realUser)
      return Promise.resolve(operation.status())
    })
  }

  close(handle: string, context: RequestContext): Promise<void> {
    return this.#calls.run(async () => {
      const operation = this.#owned(handle, context)
      operation.touch()
      await this.#close(operation)
    })
  }

  /**
   * Starts a statement in `session` (the `SessionManager` checked the request and the session's limit).
   * @throws BatchgateError `INVALID_OPTIONS` when the engine has no statement executor, `CLOSED`
   */
  start(session: OpenSession, run: StatementRun): StatementOperation {
    this.#calls.check()
    if (this.executor === undefined) {
      throw new BatchgateError(
        ErrorCode.INVALID_OPTIONS,
        'this engine runs no statements: give createEngine a statementExecutor (or bind STATEMENT_EXECUTOR)',
      )
    }
    return this.#start(session, this.executor, run, 'statement')
  }

  /**
   * Starts a metadata call in `session` (the `SessionManager` checked the request and the session's
   * limit): an operation like a statement's, answered by core from the statement executor's catalog
   * (none without an executor or a catalog). Its status's `statement` describes the call.
   * @throws BatchgateError `CLOSED`
   */
  startMetadata(session: OpenSession, request: ValidatedMetadataRequest): StatementOperation {
    this.#calls.check()
    return this.#start(
      session,
      metadataExecutor(request, this.executor),
      { statement: describeMetadataRequest(request), sessionConf: session.conf, queryTimeoutMs: 0 },
      'metadata',
    )
  }

  #start(
    session: OpenSession,
    executor: StatementExecutor,
    run: StatementRun,
    kind: OperationKind,
  ): StatementOperation {
    const handle = randomUUID()
    const operation = new StatementOperation(
      handle,
      session,
      {
        now: () => epochMillis(this.clock),
        onBackgroundError: this.config.onBackgroundError,
        ended: this.#ended,
      },
      kind,
    )
    this.#operations.set(handle, operation)
    session.operations.add(handle)
    publishOperationEvent(this.config.instanceId, operation, 'started')
    operation.run(executor, run)
    return operation
  }

  /** One function for every operation (none built per operation): publishes its end. */
  readonly #ended = (operation: StatementOperation): void => {
    publishOperationEvent(this.config.instanceId, operation, 'ended')
  }

  /** Whether any operation of `session` is running or being fetched from. */
  anyBusy(session: OpenSession): boolean {
    for (const handle of session.operations) if (this.#operations.get(handle)?.busy === true) return true
    return false
  }

  /** Closes every operation of a session that is closing. */
  async closeAllOf(session: OpenSession): Promise<void> {
    const operations = [...session.operations].flatMap((handle) => this.#operations.get(handle) ?? [])
    await Promise.all(operations.map((operation) => this.#close(operation)))
  }

  /**
   * Closes and forgets the operations that ended more than `operations.idleTimeoutMs` ago and were not
   * called since; resolves with their handles. The engine's timer calls it; hosts and tests may too.
   */
  async closeIdle(): Promise<string[]> {
    const deadline = epochMillis(this.clock) - this.config.operations.idleTimeoutMs
    const idle = [...this.#operations.values()].filter(
      (operation) => !operation.busy && operation.lastAccessTime <= deadline,
    )
    await Promise.all(idle.map((operation) => this.#close(operation)))
    return idle.map((operation) => operation.handle)
  }

  /** Starts the idle sweep (an unref'd timer). */
  startSweeping(): void {
    this.#timer ??= sweepPeriodically(
      this.config.operations.idleTimeoutMs,
      () => this.closeIdle(),
      this.config.onBackgroundError,
    )
  }

  /**
   * Refuses new calls, stops the sweep, closes every operation (aborting running executors) and waits
   * for the calls under way.
   */
  async closeAll(): Promise<void> {
    this.#calls.stop()
    clearInterval(this.#timer)
    await Promise.all([...this.#operations.values()].map((operation) => this.#close(operation)))
    await this.#calls.drained()
  }

  /** Forgets it at once (later calls get `OPERATION_NOT_FOUND`), then closes it. */
  async #close(operation: StatementOperation): Promise<void> {
    const known = this.#operations.delete(operation.handle)
    operation.session.operations.delete(operation.handle)
    await operation.close()
    if (known) publishOperationEvent(this.config.instanceId, operation, 'closed')
  }

  /** The caller's operation, or `OPERATION_NOT_FOUND`, worded the same for an unknown one and another user's. */
  #owned(handle: unknown, context: unknown): StatementOperation {
    this.#calls.check()
    const user = validateUser(context, this.config.limits)
    const key = handleKey(handle)
    const operation = key === undefined ? undefined : this.#operations.get(key)
    if (operation?.session.realUser !== user) throw operationNotFound(handle)
    return operation
  }
}

/** The result of a FINISHED operation, or `INVALID_OPERATION_STATE` naming the state it is in. */
function finishedResult(
  operation: StatementOperation,
  what: string,
): NonNullable<StatementOperation['result']> {
  const result = operation.result
  if (result !== undefined) return result
  const hint =
    operation.state === OperationState.PENDING || operation.state === OperationState.RUNNING
      ? 'wait until it is FINISHED'
      : 'only a FINISHED operation has a result'
  throw new BatchgateError(
    ErrorCode.INVALID_OPERATION_STATE,
    `operation ${operation.handle} is ${operation.state}, so you cannot ${what}: ${hint}`,
  )
}
