import { OperationState } from '@batchgate/core'
import type {
  Encodable,
  TCancelOperationReq,
  TCancelOperationResp,
  TCloseOperationReq,
  TCloseOperationResp,
  TGetOperationStatusReq,
  TGetOperationStatusResp,
  TGetResultSetMetadataReq,
  TGetResultSetMetadataResp,
} from '../protocol/tcliservice-types.js'
import type { ThriftPeer } from '../transport/thrift-message-processor.js'
import { OPERATION_STATE_OF } from './operation-state-map.js'
import type { ResolvedHandle, ServiceContext } from './service-context.js'
import { tableSchema } from './table-schema.js'
import { statusOfError, SUCCESS_STATUS } from './thrift-status.js'

/**
 * GetOperationStatus: the state, `hasResultSet`, `operationStarted` (epoch ms at which it started
 * running, 0 before) and `operationCompleted` (epoch ms at which it ended, 0 before); in ERROR the
 * failure's `errorMessage` and `sqlState` (the executor's, else `HY000`), in TIMEDOUT what timed out
 * and `HYT00`, with `errorCode` 0 (Hive's for an error without a vendor code).
 *
 * @example
 * ```ts
 * const { operationState } = getOperationStatus(service, { operationHandle }, peer)
 * ```
 */
export function getOperationStatus(
  service: ServiceContext,
  request: TGetOperationStatusReq,
  peer: ThriftPeer,
): Encodable<TGetOperationStatusResp> {
  let resolved: ResolvedHandle | undefined
  try {
    resolved = service.operation(request.operationHandle, peer)
    const status = service.engine.operations.status(resolved.handle, resolved.context)
    const response: Encodable<TGetOperationStatusResp> = {
      status: SUCCESS_STATUS,
      operationState: OPERATION_STATE_OF[status.state],
      operationStarted: status.startTime ?? 0,
      operationCompleted: status.completeTime ?? 0,
      hasResultSet: status.hasResultSet,
    }
    if (status.state === OperationState.ERROR || status.state === OperationState.TIMEDOUT) {
      return {
        ...response,
        errorMessage: status.errorMessage ?? `the operation ended ${status.state}`,
        sqlState: status.sqlState ?? (status.state === OperationState.ERROR ? 'HY000' : 'HYT00'),
        errorCode: 0,
      }
    }
    return response
  } catch (error) {
    service.forgetIfGone(error, resolved, 'operation')
    return { status: statusOfError(error, service.settings.onError) }
  }
}

/**
 * GetResultSetMetadata: the result's `TTableSchema` (see `tableSchema`), once FINISHED.
 *
 * @example
 * ```ts
 * const { schema } = getResultSetMetadata(service, { operationHandle }, peer)
 * ```
 */
export function getResultSetMetadata(
  service: ServiceContext,
  request: TGetResultSetMetadataReq,
  peer: ThriftPeer,
): TGetResultSetMetadataResp {
  let resolved: ResolvedHandle | undefined
  try {
    resolved = service.operation(request.operationHandle, peer)
    const columns = service.engine.operations.resultMetadata(resolved.handle, resolved.context)
    return { status: SUCCESS_STATUS, schema: tableSchema(columns) }
  } catch (error) {
    service.forgetIfGone(error, resolved, 'operation')
    return { status: statusOfError(error, service.settings.onError) }
  }
}

/**
 * CancelOperation: moves a running operation to CANCELED (a terminal one stays as it is).
 *
 * @example
 * ```ts
 * await cancelOperation(service, { operationHandle }, peer)
 * ```
 */
export async function cancelOperation(
  service: ServiceContext,
  request: TCancelOperationReq,
  peer: ThriftPeer,
): Promise<TCancelOperationResp> {
  let resolved: ResolvedHandle | undefined
  try {
    resolved = service.operation(request.operationHandle, peer)
    await service.engine.operations.cancel(resolved.handle, resolved.context)
    return { status: SUCCESS_STATUS }
  } catch (error) {
    service.forgetIfGone(error, resolved, 'operation')
    return { status: statusOfError(error, service.settings.onError) }
  }
}

/**
 * CloseOperation: cancels it if running, closes its result and forgets it.
 *
 * @example
 * ```ts
 * await closeOperation(service, { operationHandle }, peer)
 * ```
 */
export async function closeOperation(
  service: ServiceContext,
  request: TCloseOperationReq,
  peer: ThriftPeer,
): Promise<TCloseOperationResp> {
  let resolved: ResolvedHandle | undefined
  try {
    resolved = service.operation(request.operationHandle, peer)
    await service.engine.operations.close(resolved.handle, resolved.context)
    service.registry.removeOperation(resolved.handle)
    return { status: SUCCESS_STATUS }
  } catch (error) {
    service.forgetIfGone(error, resolved, 'operation')
    return { status: statusOfError(error, service.settings.onError) }
  }
}
