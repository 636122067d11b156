import { randomUUID } from 'node:crypto'
import { inject, injectable } from 'inversify'
import { CallTracker } from '../async/call-tracker.js'
import { sweepPeriodically } from '../async/sweep-timer.js'
import type { RequestContext } from '../batch/batch.js'
import { checkTotalBytes, validateStringMap, validateUser } from '../batch/validate-request.js'
import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import type { MetadataRequest } from '../metadata/metadata-request.js'
import { validateMetadataRequest } from '../metadata/validate-metadata-request.js'
import { OperationManager } from '../operation/operation-manager.js'
import { CLOCK, epochMillis, type Clock } from '../ports/clock.js'
import { handleKey, sessionNotFound } from './handle.js'
import { OpenSession } from './open-session.js'
import { publishSessionEvent, type SessionCloseReason } from './session-events.js'
import { sessionUser } from './proxy-user.js'
import type { SessionInfo } from './session-info.js'
import type { SessionService, StatementRequest } from './session-service.js'
import { SESSION_SETTINGS, type SessionSettings } from './session-settings.js'
import { validateStatementRequest } from './validate-statement-request.js'

/**
 * The sessions of this instance, in memory: `engine.sessions`. A session belongs to the user who opened
 * it; it runs its statements as its `user` (a proxy user when an admin opened it for one) through the
 * engine's `StatementExecutor`, and closes after `sessions.idleTimeoutMs` without a call on it or its
 * operations.
 *
 * @example
 * ```ts
 * const session = await engine.sessions.open({ 'spark.app.name': 'report' }, { user: 'alice' })
 * const handle = await engine.sessions.executeStatement(session.handle, { statement: 'SELECT 1' }, { user: 'alice' })
 * const tables = await engine.sessions.executeMetadata(session.handle, { kind: 'GET_TABLES' }, { user: 'alice' })
 * await engine.sessions.close(session.handle, { user: 'alice' })
 * ```
 */
@injectable()
export class SessionManager implements SessionService {
  readonly #sessions = new Map<string, OpenSession>()
  readonly #calls = new CallTracker()
  #timer: NodeJS.Timeout | undefined

  constructor(
    @inject(OperationManager) private readonly operations: OperationManager,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(SESSION_SETTINGS) private readonly config: SessionSettings,
  ) {}

  /** How many sessions are open on this instance. */
  get size(): number {
    return this.#sessions.size
  }

  open(conf: Readonly<Record<string, string>>, context: RequestContext): Promise<SessionInfo> {
    return this.#calls.run(() => {
      const realUser = validateUser(context, this.config.limits)
      const checked = validateStringMap(conf, 'conf', this.config.limits)
      checkTotalBytes({ fields: [realUser], conf: checked, args: [] }, this.config.limits)
      const user = sessionUser(checked, realUser, this.config)
      const max = this.config.sessions.maxPerUser
      if (this.#countOf(realUser) >= max) {
        throw new BatchgateError(
          ErrorCode.SESSION_LIMIT_EXCEEDED,
          `user ${realUser} already has ${max} open sessions, the most this instance allows: close one first`,
        )
      }
      const session = new OpenSession(randomUUID(), user, realUser, Object.freeze(checked), this.#now())
      this.#sessions.set(session.handle, session)
      publishSessionEvent(this.config.instanceId, session, 'opened')
      return Promise.resolve(session.info(this.config.instanceId))
    })
  }

  get(handle: string, context: RequestContext): SessionInfo {
    const session = this.#owned(handle, context)
    session.touch(this.#now())
    return session.info(this.config.instanceId)
  }

  list(context: RequestContext): readonly SessionInfo[] {
    this.#calls.check()
    const user = validateUser(context, this.config.limits)
    return [...this.#sessions.values()]
      .filter((session) => session.realUser === user)
      .map((session) => session.info(this.config.instanceId))
  }

  executeStatement(handle: string, request: StatementRequest, context: RequestContext): Promise<string> {
    return this.#calls.run(async () => {
      const session = this.#owned(handle, context)
      const checked = validateStatementRequest(request, this.config.limits)
      session.touch(this.#now())
      this.#checkOperationLimit(session)
      const operation = this.operations.start(session, {
        statement: checked.statement,
        // The overlay wins; both were checked, and a fresh object keeps the session's conf unchanged.
        sessionConf: Object.freeze({ ...session.conf, ...checked.confOverlay }),
        queryTimeoutMs: checked.queryTimeoutMs,
      })
      if (!checked.runAsync) await operation.settled
      return operation.handle
    })
  }

  executeMetadata(handle: string, request: MetadataRequest, context: RequestContext): Promise<string> {
    return this.#calls.run(async () => {
      const session = this.#owned(handle, context)
      const checked = validateMetadataRequest(request, this.config.limits)
      session.touch(this.#now())
      this.#checkOperationLimit(session)
      const operation = this.operations.startMetadata(session, checked)
      // Synchronous, as HiveServer2's metadata calls are: the handle comes with the answer.
      await operation.settled
      return operation.handle
    })
  }

  close(handle: string, context: RequestContext): Promise<void> {
    return this.#calls.run(async () => {
      await this.#close(this.#owned(handle, context), 'client')
    })
  }

  /**
   * Closes the sessions (and their operations) without a call for more than `sessions.idleTimeoutMs`,
   * unless one of their operations is running or being fetched from; resolves with their handles. The
   * engine's timer calls it; hosts and tests may too.
   */
  async closeIdle(): Promise<string[]> {
    const deadline = this.#now() - this.config.sessions.idleTimeoutMs
    const idle = [...this.#sessions.values()].filter(
      (session) => session.lastAccessTime <= deadline && !this.operations.anyBusy(session),
    )
    await Promise.all(idle.map((session) => this.#close(session, 'idle')))
    return idle.map((session) => session.handle)
  }

  /** Starts the idle sweeps of sessions and operations (unref'd timers). */
  startSweeping(): void {
    this.operations.startSweeping()
    this.#timer ??= sweepPeriodically(
      this.config.sessions.idleTimeoutMs,
      () => this.closeIdle(),
      this.config.onBackgroundError,
    )
  }

  /**
   * Refuses new calls, stops the sweeps, closes every operation (aborting running executors, closing
   * cursors) and session, and waits for the calls under way, which the closing lets end.
   */
  async closeAll(): Promise<void> {
    this.#calls.stop()
    clearInterval(this.#timer)
    await this.operations.closeAll()
    for (const session of this.#sessions.values()) {
      publishSessionEvent(this.config.instanceId, session, 'closed', 'engine')
    }
    this.#sessions.clear()
    await this.#calls.drained()
  }

  /** Forgets it at once (later calls get `SESSION_NOT_FOUND`), then closes its operations. */
  async #close(session: OpenSession, reason: SessionCloseReason): Promise<void> {
    if (!this.#sessions.delete(session.handle)) return
    await this.operations.closeAllOf(session)
    publishSessionEvent(this.config.instanceId, session, 'closed', reason)
  }

  #checkOperationLimit(session: OpenSession): void {
    const max = this.config.sessions.maxOperationsPerSession
    if (session.operations.size >= max) {
      throw new BatchgateError(
        ErrorCode.OPERATION_LIMIT_EXCEEDED,
        `session ${session.handle} already has ${max} open operations, the most this instance allows: close one first`,
      )
    }
  }

  #countOf(user: string): number {
    let count = 0
    for (const session of this.#sessions.values()) if (session.realUser === user) count++
    return count
  }

  /** The caller's session, or `SESSION_NOT_FOUND`, worded the same for an unknown one and another user's. */
  #owned(handle: unknown, context: unknown): OpenSession {
    this.#calls.check()
    const user = validateUser(context, this.config.limits)
    const key = handleKey(handle)
    const session = key === undefined ? undefined : this.#sessions.get(key)
    if (session?.realUser !== user) throw sessionNotFound(handle)
    return session
  }

  #now(): number {
    return epochMillis(this.clock)
  }
}
