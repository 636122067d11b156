import type { ThriftCall, TOperationHandle, TSessionHandle } from '../protocol/tcliservice-types.js'
import type { ThriftPeer } from '../transport/thrift-message-processor.js'
import { ANONYMOUS, type ServiceContext } from './service-context.js'

/**
 * Who a call acts as, for the `batchgate:request` channel and the debug log, where cheap to know: the
 * connection's authenticated user; without authentication, OpenSession's `username` (else `anonymous`),
 * or the user who opened the session the call's handle names (when this service opened it and the
 * handle's secret checks). `undefined` otherwise (an unknown handle: nobody is identified).
 *
 * @example
 * ```ts
 * record.user = callUser(service, call, peer)
 * ```
 */
export function callUser(service: ServiceContext, call: ThriftCall, peer: ThriftPeer): string | undefined {
  if (peer.user !== undefined) return peer.user
  if (!call.served) return undefined
  if (call.method === 'OpenSession') {
    const username = call.args.username
    return username !== undefined && username !== '' ? username : ANONYMOUS
  }
  const args = call.args as {
    readonly sessionHandle?: TSessionHandle | undefined
    readonly operationHandle?: TOperationHandle | undefined
  }
  if (args.sessionHandle !== undefined) {
    const handle = service.signer.handleOf(args.sessionHandle.sessionId)
    return handle === undefined ? undefined : service.registry.session(handle)?.user
  }
  if (args.operationHandle !== undefined) {
    const handle = service.signer.handleOf(args.operationHandle.operationId)
    return handle === undefined ? undefined : service.registry.sessionOf(handle)?.user
  }
  return undefined
}
