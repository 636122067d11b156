/// <reference types="node" preserve="true" />
import type { ServiceIdentifier } from 'inversify'
import type { OperationCursor } from '../cursor/operation-cursor.js'
import type { ResultColumn, ResultRow } from './result-column.js'

/** What a {@link StatementExecutor} is given besides the statement. */
export interface ExecuteContext {
  /** The session's user (the proxy user, when an admin opened the session for one). */
  readonly user: string
  /** The session's conf merged with the statement's `confOverlay` (the overlay wins). */
  readonly sessionConf: Readonly<Record<string, string>>
  /** Aborted when the operation is cancelled, closed or timed out; the executor should stop and reject. */
  readonly signal: AbortSignal
}

/** What a statement produces: its columns and a cursor over its rows. */
export interface StatementResult {
  readonly columns: readonly ResultColumn[]
  /** Closed by core when the operation is closed (or its session is, or it idles out). */
  readonly cursor: OperationCursor<ResultRow>
}

/**
 * The host's statement engine (Spark, Trino, a SQLite file, …): core keeps the sessions and operations,
 * the executor runs one statement. A rejection fails the operation (state ERROR) with the error's
 * message; a {@link StatementError} also gives its SQLSTATE.
 *
 * @example
 * ```ts
 * const executor: StatementExecutor = {
 *   async execute(statement, { signal }) {
 *     const rows = await myEngine.query(statement, { signal })
 *     return { columns: [{ name: 'n', type: HiveType.INT }], cursor: cursorFromArray(rows) }
 *   },
 * }
 * ```
 */
export interface StatementExecutor {
  execute(statement: string, context: ExecuteContext): Promise<StatementResult>
}

/** The DI token of the host's {@link StatementExecutor}. */
export const STATEMENT_EXECUTOR: ServiceIdentifier<StatementExecutor> = Symbol.for(
  '@batchgate/core/StatementExecutor',
)
