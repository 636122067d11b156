import { performance } from 'node:perf_hooks'
import { requestChannel, type WireRequestMessage } from '@batchgate/core/diagnostics'
import type { ThriftCall } from '../protocol/tcliservice-types.js'
import type { ThriftPeer } from '../transport/thrift-message-processor.js'
import { callUser } from './call-user.js'
import { serveCall } from './serve-call.js'
import type { ServiceContext } from './service-context.js'
import { isTCLIServiceMethod } from '../protocol/schema/served-methods.js'

/**
 * Answers a decoded call as `serveCall` does, observed: traced on `batchgate:request` when it has a
 * subscriber (`thriftStatus` and `errorCode` set before the traced promise settles), and logged at debug
 * level when the logger writes debug lines (never the call's arguments: a statement's text, a conf).
 *
 * @example
 * ```ts
 * requestChannel.asyncEnd.subscribe((message) => console.log(message.method, message.thriftStatus))
 * const reply = await observeCall(service, decodeCall(message), peer)
 * ```
 */
export async function observeCall(
  service: ServiceContext,
  call: ThriftCall,
  peer: ThriftPeer,
): Promise<Buffer> {
  const started = performance.now()
  const record: WireRequestMessage = {
    protocol: 'hive-thrift',
    transport: peer.transport,
    // A name the client made up is not a TCLIService method: one bounded value for every such name.
    method: isTCLIServiceMethod(call.method) ? call.method : 'UNKNOWN',
    route: undefined,
    user: callUser(service, call, peer),
    statusCode: undefined,
    thriftStatus: undefined,
    errorCode: undefined,
  }
  const reply = requestChannel.hasSubscribers
    ? await requestChannel.tracePromise(() => serveCall(service, call, peer, record), record)
    : await serveCall(service, call, peer, record)
  const { settings } = service
  if (settings.debugEnabled()) {
    settings.logger.debug?.(
      {
        method: record.method,
        transport: record.transport,
        thriftStatus: record.thriftStatus,
        errorCode: record.errorCode,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        user: record.user,
      },
      record.errorCode === undefined ? 'hive-thrift: call' : 'hive-thrift: call failed',
    )
  }
  return reply
}
