import type { OperationService, SessionService } from '@batchgate/core'

/**
 * What the TCLIService front needs of an engine: `createEngine`'s `Engine` is one. Declared by shape (as
 * kyuubi-rest's `KyuubiRestEngine`) so a host can hand over a wrapper of its engine to meter or audit calls.
 *
 * @example
 * ```ts
 * const engine: HiveThriftEngine = await createEngine({ store, statementExecutor })
 * const processor = tcliService(engine)
 * ```
 */
export interface HiveThriftEngine {
  readonly instanceId: string
  isAdmin(user: string): boolean
  readonly sessions: SessionService
  readonly operations: OperationService
}
