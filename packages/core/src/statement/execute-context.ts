/**
 * What a {@link StatementExecutor} (and its catalog) is given besides the statement.
 *
 * @example
 * ```ts
 * async function execute(statement: string, { user, sessionConf, signal }: ExecuteContext) {
 *   return myEngine.query(statement, { user, conf: sessionConf, signal })
 * }
 * ```
 */
export interface ExecuteContext {
  /** The session's user (the proxy user, when an admin opened the session for one). */
  readonly user: string
  /** The session's conf merged with the statement's `confOverlay` (the overlay wins). */
  readonly sessionConf: Readonly<Record<string, string>>
  /** Aborted when the operation is cancelled, closed or timed out; the executor should stop and reject. */
  readonly signal: AbortSignal
}
