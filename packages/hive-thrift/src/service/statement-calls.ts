import { OperationState } from '@batchgate/core'
import {
  TOperationType,
  type Encodable,
  type TExecuteStatementReq,
  type TOperationHandle,
  type TOperationResp,
  type TStatus,
} from '../protocol/tcliservice-types.js'
import type { ThriftPeer } from '../transport/thrift-message-processor.js'
import type { MetadataCall } from './metadata-calls.js'
import type { ResolvedHandle, ServiceContext } from './service-context.js'
import { errorStatus, statusOfError, SUCCESS_STATUS } from './thrift-status.js'

/** The SQLSTATE of a failed synchronous statement whose executor gave none (ODBC's classes). */
const FALLBACK_SQL_STATE = {
  [OperationState.ERROR]: 'HY000',
  [OperationState.TIMEDOUT]: 'HYT00',
  [OperationState.CANCELED]: 'HY008',
} as const

/** The longest `queryTimeout` a timer can hold, in seconds (2^31 - 1 ms). */
const MAX_QUERY_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000)

/**
 * ExecuteStatement: runs the statement in the session with its `confOverlay` and `queryTimeout`
 * (seconds, 0 none). With `runAsync` it answers the handle at once; without, when the statement has
 * ended, and a statement that failed (ERROR, TIMEDOUT, CANCELED) answers an ERROR status with its
 * message and SQLSTATE and its operation is closed, as HiveServer2 does for a synchronous statement.
 *
 * @example
 * ```ts
 * await executeStatement(service, { sessionHandle, statement: 'SELECT 1', runAsync: true }, peer)
 * ```
 */
export async function executeStatement(
  service: ServiceContext,
  request: TExecuteStatementReq,
  peer: ThriftPeer,
): Promise<Encodable<TOperationResp>> {
  let resolved: ResolvedHandle | undefined
  try {
    resolved = service.session(request.sessionHandle, peer)
    const timeout = request.queryTimeout ?? 0n
    if (timeout < 0n || timeout > BigInt(MAX_QUERY_TIMEOUT_SECONDS)) {
      return {
        status: errorStatus(
          `ExecuteStatement: queryTimeout must be between 0 (none) and ${MAX_QUERY_TIMEOUT_SECONDS} seconds, got ${timeout}`,
          '22023',
        ),
      }
    }
    const runAsync = request.runAsync === true
    const operation = await service.engine.sessions.executeStatement(
      resolved.handle,
      {
        statement: request.statement,
        runAsync,
        queryTimeoutMs: Number(timeout) * 1000,
        confOverlay: request.confOverlay,
      },
      resolved.context,
    )
    if (resolved.session !== undefined) service.registry.addOperation(operation, resolved.session)
    if (!runAsync) {
      const failure = await synchronousFailure(service, operation, resolved)
      if (failure !== undefined) return { status: failure }
    }
    return {
      status: SUCCESS_STATUS,
      operationHandle: operationHandle(service, operation, TOperationType.EXECUTE_STATEMENT),
    }
  } catch (error) {
    service.forgetIfGone(error, resolved, 'session')
    return { status: statusOfError(error, service.settings.onError) }
  }
}

/**
 * A metadata call (GetTypeInfo, GetCatalogs, GetSchemas, GetTables, GetTableTypes, GetColumns,
 * GetFunctions) through core's `executeMetadata`: the handle carries the call's operation type.
 *
 * @example
 * ```ts
 * await executeMetadata(service, metadataCalls.GetCatalogs({ sessionHandle }), peer)
 * ```
 */
export async function executeMetadata(
  service: ServiceContext,
  call: MetadataCall,
  peer: ThriftPeer,
): Promise<Encodable<TOperationResp>> {
  let resolved: ResolvedHandle | undefined
  try {
    resolved = service.session(call.sessionHandle, peer)
    const operation = await service.engine.sessions.executeMetadata(
      resolved.handle,
      call.request,
      resolved.context,
    )
    if (resolved.session !== undefined) service.registry.addOperation(operation, resolved.session)
    return {
      status: SUCCESS_STATUS,
      operationHandle: operationHandle(service, operation, call.operationType),
    }
  } catch (error) {
    service.forgetIfGone(error, resolved, 'session')
    return { status: statusOfError(error, service.settings.onError) }
  }
}

/** Every operation has a result set to fetch once FINISHED (a statement's, or a metadata table). */
function operationHandle(
  service: ServiceContext,
  operation: string,
  operationType: TOperationType,
): TOperationHandle {
  return { operationId: service.signer.identifier(operation), operationType, hasResultSet: true }
}

async function synchronousFailure(
  service: ServiceContext,
  operation: string,
  resolved: ResolvedHandle,
): Promise<TStatus | undefined> {
  const status = service.engine.operations.status(operation, resolved.context)
  if (
    status.state !== OperationState.ERROR &&
    status.state !== OperationState.TIMEDOUT &&
    status.state !== OperationState.CANCELED
  ) {
    return undefined
  }
  const sqlState = status.sqlState ?? FALLBACK_SQL_STATE[status.state]
  try {
    await service.engine.operations.close(operation, resolved.context)
  } catch (error) {
    service.settings.onError(error)
  }
  service.registry.removeOperation(operation)
  const message = status.errorMessage ?? `the statement ended ${status.state}`
  return errorStatus(message, sqlState)
}
