import { BatchgateError, ErrorCode, type RequestContext } from '@batchgate/core'
import type { TOperationHandle, TSessionHandle } from '../protocol/tcliservice-types.js'
import type { ThriftPeer } from '../transport/thrift-message-processor.js'
import type { HandleSigner } from './handle-signer.js'
import type { HiveThriftEngine } from './hive-thrift-engine.js'
import { operationNotFound, sessionNotFound } from './not-found.js'
import type { SessionRegistry, TrackedSession } from './session-registry.js'
import type { TCLIServiceSettings } from './tcli-service-options.js'

/** Who a call acts as when neither the connection nor the session names a user (HiveServer2's default). */
export const ANONYMOUS = 'anonymous'

/** The registry size below which it is never swept. */
const MIN_SWEEP_SIZE = 256

/** A handle of a call, resolved: core's handle, the user the call acts as, and the tracked session. */
export interface ResolvedHandle {
  readonly handle: string
  readonly context: RequestContext
  /** The session this service opened it in (undefined for one it did not, e.g. opened over REST). */
  readonly session: TrackedSession | undefined
}

/**
 * What every call handler shares: the engine, the settings, the handle signer and the registry of the
 * sessions this service opened, with the lookups of a call's handles.
 *
 * @example
 * ```ts
 * const { handle, context } = service.session(request.sessionHandle, peer)
 * await service.engine.sessions.close(handle, context)
 * ```
 */
export class ServiceContext {
  /** Sweep the registry when it tracks this many sessions (doubling after each sweep). */
  #sweepAt = MIN_SWEEP_SIZE

  constructor(
    readonly engine: HiveThriftEngine,
    readonly settings: TCLIServiceSettings,
    readonly signer: HandleSigner,
    readonly registry: SessionRegistry,
  ) {}

  /**
   * Resolves a session handle: a wrong secret throws core's "not found"; the call acts as the peer's
   * user, or (without authentication) as the user who opened the session. A call by that user counts
   * as a use of the session (cancelling a grace period, binding it to a binary connection).
   */
  session(sessionHandle: TSessionHandle | undefined, peer: ThriftPeer): ResolvedHandle {
    const id = sessionHandle?.sessionId
    const handle = this.signer.handleOf(id)
    if (handle === undefined) throw sessionNotFound(this.signer.describe(id))
    const session = this.registry.session(handle)
    return this.#resolved(handle, session, peer)
  }

  /** Resolves an operation handle, as {@link session} does. */
  operation(operationHandle: TOperationHandle | undefined, peer: ThriftPeer): ResolvedHandle {
    const id = operationHandle?.operationId
    const handle = this.signer.handleOf(id)
    if (handle === undefined) throw operationNotFound(this.signer.describe(id))
    const session = this.registry.sessionOf(handle)
    return this.#resolved(handle, session, peer)
  }

  /**
   * Forgets a tracked session or operation that core answered as not found to its own user (core closed
   * it on its own: idle timeout). Another user's "not found" leaves it alone.
   */
  forgetIfGone(error: unknown, resolved: ResolvedHandle | undefined, kind: 'session' | 'operation'): void {
    const session = resolved?.session
    if (resolved === undefined || session?.user !== resolved.context.user) return
    if (kind === 'session' && BatchgateError.is(error, ErrorCode.SESSION_NOT_FOUND)) {
      this.registry.removeSession(resolved.handle)
    } else if (BatchgateError.is(error, ErrorCode.OPERATION_NOT_FOUND)) {
      this.registry.removeOperation(resolved.handle)
    } else if (BatchgateError.is(error, ErrorCode.SESSION_NOT_FOUND)) {
      this.registry.removeSession(session.handle)
    }
  }

  /**
   * Drops the tracked sessions core closed on its own (idle timeouts), once the registry has doubled
   * since the last sweep: amortised constant work per session opened. Reads each user's sessions with
   * `list`, which does not count as activity.
   */
  sweepIfGrown(): void {
    const tracked = this.registry.sessions()
    if (tracked.length < this.#sweepAt) return
    const users = new Set(tracked.map((session) => session.user))
    const open = new Set<string>()
    try {
      for (const user of users) for (const info of this.engine.sessions.list({ user })) open.add(info.handle)
    } catch {
      return // the engine is closing: nothing to keep tidy
    }
    for (const session of tracked) if (!open.has(session.handle)) this.registry.removeSession(session.handle)
    this.#sweepAt = Math.max(MIN_SWEEP_SIZE, 2 * this.registry.sessions().length)
  }

  #resolved(handle: string, session: TrackedSession | undefined, peer: ThriftPeer): ResolvedHandle {
    const user = peer.user ?? session?.user ?? ANONYMOUS
    if (session?.user === user) this.registry.use(session, peer)
    return { handle, context: { user }, session }
  }
}
