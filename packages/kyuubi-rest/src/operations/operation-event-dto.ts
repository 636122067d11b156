import type { OperationStatus } from '@batchgate/core'

/**
 * An operation in the shape of Kyuubi's `KyuubiOperationEvent` (`GET /operations/{handle}/event`):
 * `state` is Hive's operation state; absent times are 0; `exception` is `null`, or `{ message, sqlState }`
 * for an operation that failed (ERROR) or timed out.
 *
 * @example
 * ```ts
 * ok(operationEventDto(engine.operations.status(handle, { user }), engine.instanceId))
 * ```
 */
export function operationEventDto(status: OperationStatus, kyuubiInstance: string): Record<string, unknown> {
  return {
    statementId: status.handle,
    remoteId: null,
    statement: status.statement,
    state: status.state,
    eventTime: status.completeTime ?? status.startTime ?? status.createTime,
    createTime: status.createTime,
    startTime: status.startTime ?? 0,
    completeTime: status.completeTime ?? 0,
    exception:
      status.errorMessage === undefined
        ? null
        : { message: status.errorMessage, sqlState: status.sqlState ?? null },
    sessionId: status.sessionHandle,
    sessionUser: status.user,
    sessionType: 'INTERACTIVE',
    kyuubiInstance,
    metrics: {},
  }
}
