/**
 * A session as `engine.sessions` reports it.
 *
 * @example
 * ```ts
 * const session = await engine.sessions.open({ 'spark.app.name': 'report' }, { user: 'alice' })
 * console.log(session.handle, 'on', session.instanceId)
 * ```
 */
export interface SessionInfo {
  /** The session handle: a UUID, in canonical lower-case form. */
  readonly handle: string
  /** The user the session runs as (the proxy user when an admin opened it for one). */
  readonly user: string
  /** The authenticated user who opened it. */
  readonly realUser: string
  readonly conf: Readonly<Record<string, string>>
  /** The engine instance that holds it (sessions live in one instance's memory). */
  readonly instanceId: string
  /** Epoch milliseconds. */
  readonly createTime: number
  /** Epoch milliseconds of the last call on the session or one of its operations. */
  readonly lastAccessTime: number
  /** How many of its operations are open. */
  readonly operationCount: number
}
