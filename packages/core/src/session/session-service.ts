import type { RequestContext } from '../batch/batch.js'
import type { MetadataRequest } from '../metadata/metadata-request.js'
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
 * const columns = await engine.sessions.executeMetadata(session.handle, { kind: 'GET_COLUMNS', tableNamePattern: 'orders' }, { user: 'alice' })
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
   * Runs a metadata call (HiveServer2's GetTypeInfo, GetCatalogs, GetSchemas, GetTables, GetTableTypes,
   * GetColumns, GetFunctions) as an operation of the session, like a statement's: it counts toward
   * `maxOperationsPerSession`, belongs to the session's user, idles out and closes the same way, and
   * its result is fetched with `engine.operations` in every orientation. Core answers it, in JDBC's
   * `DatabaseMetaData` columns as HiveServer2 names and types them, from the statement executor's
   * `catalog` (no rows without one; GetTypeInfo and GetTableTypes need none), matching the request's
   * JDBC patterns itself. Resolves with the handle once it has ended: FINISHED, or ERROR with the
   * catalog's message. Its status's `statement` describes the call, e.g. `GetTables(table=ord%)`.
   * @throws BatchgateError `SESSION_NOT_FOUND`, `INVALID_REQUEST` (an unknown kind, a filter that is not
   *   a string, too much text), `OPERATION_LIMIT_EXCEEDED`, `CLOSED`
   */
  executeMetadata(handle: string, request: MetadataRequest, context: RequestContext): Promise<string>
  /**
   * Closes its operations, then the session; later calls get `SESSION_NOT_FOUND`.
   * @throws BatchgateError `SESSION_NOT_FOUND`
   */
  close(handle: string, context: RequestContext): Promise<void>
}
