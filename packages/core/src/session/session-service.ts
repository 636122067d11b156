import type { RequestContext } from '../batch/batch.js'
import type { SessionInfo } from './session-info.js'

/** A statement to run in a session. */
export interface StatementRequest {
  readonly statement: string
  /** Resolve at once with the handle and run in the background (default false: resolve when it ends). */
  readonly runAsync?: boolean | undefined
  /** Time the operation out (state TIMEDOUT, executor's signal aborted) after this many ms; 0 or omitted: none. */
  readonly queryTimeoutMs?: number | undefined
  /** Conf for this statement only, laid over the session's. */
  readonly confOverlay?: Readonly<Record<string, string>> | undefined
}

/**
 * The sessions of this instance (`engine.sessions`), each belonging to its user: anyone else (admins
 * included) gets `SESSION_NOT_FOUND`, as for a handle that never existed. They live in this instance's
 * memory, as in HiveServer2 and Kyuubi, and close after an idle timeout (default 6 hours).
 *
 * @example
 * ```ts
 * const session = await engine.sessions.open({}, { user: 'alice' })
 * const op = await engine.sessions.executeStatement(session.handle, { statement: 'SELECT 1' }, { user: 'alice' })
 * await engine.sessions.close(session.handle, { user: 'alice' })
 * ```
 */
export interface SessionService {
  /**
   * Opens a session with its conf. `kyuubi.session.proxy.user` or `hive.server2.proxy.user` in the conf
   * runs it as that user, for admins only.
   * @throws BatchgateError `INVALID_REQUEST`, `PERMISSION_DENIED` (a proxy user asked by a non-admin),
   *   `SESSION_LIMIT_EXCEEDED`, `CLOSED`
   */
  open(conf: Readonly<Record<string, string>>, context: RequestContext): Promise<SessionInfo>
  /** @throws BatchgateError `SESSION_NOT_FOUND` */
  get(handle: string, context: RequestContext): SessionInfo
  /** The caller's open sessions. */
  list(context: RequestContext): readonly SessionInfo[]
  /**
   * Runs a statement; resolves with the operation handle (at once with `runAsync`, else when it ends,
   * whatever its state: read it with `engine.operations.status`).
   * @throws BatchgateError `SESSION_NOT_FOUND`, `INVALID_REQUEST`, `OPERATION_LIMIT_EXCEEDED`,
   *   `INVALID_OPTIONS` (no statement executor configured), `CLOSED`
   */
  executeStatement(handle: string, request: StatementRequest, context: RequestContext): Promise<string>
  /**
   * Closes its operations, then the session; later calls get `SESSION_NOT_FOUND`.
   * @throws BatchgateError `SESSION_NOT_FOUND`
   */
  close(handle: string, context: RequestContext): Promise<void>
}
