/// <reference types="node" preserve="true" />
import type { ServiceIdentifier } from 'inversify'
import type { OperationCursor } from '../cursor/operation-cursor.js'
import type { StatementCatalog } from '../metadata/statement-catalog.js'
import type { ExecuteContext } from './execute-context.js'
import type { ResultColumn, ResultRow } from './result-column.js'

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
  /**
   * What the executor's tables are, for `engine.sessions.executeMetadata` (HiveServer2's GetSchemas,
   * GetTables, GetColumns, GetFunctions). Without one those answer empty results.
   */
  readonly catalog?: StatementCatalog | undefined
}

/** The DI token of the host's {@link StatementExecutor}. */
export const STATEMENT_EXECUTOR: ServiceIdentifier<StatementExecutor> = Symbol.for(
  '@batchgate/core/StatementExecutor',
)
