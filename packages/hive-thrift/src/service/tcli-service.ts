import { BatchgateError, ErrorCode } from '@batchgate/core'
import { requestChannel } from '@batchgate/core/diagnostics'
import { decodeCall } from '../protocol/index.js'
import type { ThriftCall } from '../protocol/tcliservice-types.js'
import type { ThriftMessageProcessor, ThriftPeer } from '../transport/thrift-message-processor.js'
import { HandleSigner } from './handle-signer.js'
import type { HiveThriftEngine } from './hive-thrift-engine.js'
import { observeCall } from './observe-call.js'
import { serveCall } from './serve-call.js'
import { ServiceContext } from './service-context.js'
import { SessionRegistry, type TrackedSession } from './session-registry.js'
import { resolveServiceOptions, type TCLIServiceOptions } from './tcli-service-options.js'

/**
 * A TCLIService served over an engine: give it to `thriftBinaryServer` and/or `thriftHttpHandler`.
 *
 * @example
 * ```ts
 * const processor = tcliService(engine)
 * const server = thriftBinaryServer(processor, { authenticate: thriftNoAuth() })
 * // …
 * await processor.close()
 * ```
 */
export interface TCLIServiceProcessor extends ThriftMessageProcessor {
  /**
   * Cancels the pending closes of sessions whose binary connection went away (their sessions stay open,
   * until core's idle timeout or the engine's close); later disconnections start none. Calls are still
   * answered. Idempotent.
   */
  close(): Promise<void>
}

/**
 * HiveServer2's TCLIService over the engine's sessions and operations: OpenSession (protocol
 * negotiated down to V10), CloseSession, GetInfo, ExecuteStatement (sync and `runAsync`),
 * GetOperationStatus, GetResultSetMetadata, FetchResults (FETCH_NEXT/PRIOR/FIRST/LAST with a true
 * `startRowOffset`; columnar from V6), CancelOperation, CloseOperation, and the metadata calls
 * (GetTypeInfo, GetCatalogs, GetSchemas, GetTables, GetTableTypes, GetColumns, GetFunctions).
 *
 * - Every failure answers the method's response with an ERROR status (message, SQLSTATE, error code:
 *   see `thrift-status`); the other TCLIService methods answer an ERROR status naming the method
 *   (GetQueryId, whose response has no status, a TApplicationException); a name that is no
 *   TCLIService method a TApplicationException UNKNOWN_METHOD. A message that does not decode rejects
 *   `process` (logged at warn with the peer's address), and the transport closes that connection.
 * - With a subscriber on `batchgate:request`, every decoded call is traced (method, transport, user,
 *   the answer's `TStatusCode` name as `thriftStatus`, `errorCode` on failure); with a logger writing
 *   debug lines, every call is logged at debug.
 * - Handles: `guid` is core's UUID, `secret` an HMAC of it under the service's key; a wrong secret, an
 *   unknown handle and another user's all answer core's "not found".
 * - A call acts as the connection's authenticated user; without authentication (NOSASL) as the user
 *   who opened the session (the handle, with its secret, is the credential, as in HiveServer2).
 * - The sessions a binary connection opened stay open `disconnectGraceMs` after it closes; a call on
 *   one from any connection keeps it. Over HTTP nothing hangs on a connection.
 *
 * @example
 * ```ts
 * const engine = await createEngine({ store, statementExecutor })
 * const processor = tcliService(engine, { disconnectGraceMs: 30_000 })
 * const reply = await processor.process(message, peer)
 * ```
 */
export function tcliService(engine: HiveThriftEngine, options?: TCLIServiceOptions): TCLIServiceProcessor {
  const settings = resolveServiceOptions(options)
  const registry = new SessionRegistry(settings.disconnectGraceMs, (session) => {
    void closeExpired(engine, session, settings.onError)
  })
  const service = new ServiceContext(engine, settings, new HandleSigner(settings.handleKey), registry)
  return {
    async process(message: Buffer, peer: ThriftPeer): Promise<Buffer> {
      let call: ThriftCall
      try {
        call = decodeCall(message)
      } catch (error) {
        // Not traced (no call was made): a transport-level failure, which closes the connection (or
        // answers 400 over HTTP). Never the bytes: they may hold a statement or a password.
        settings.logger.warn(
          { remoteAddress: peer.remoteAddress, transport: peer.transport },
          'hive-thrift: a message does not decode as a TCLIService call',
        )
        throw error
      }
      if (requestChannel.hasSubscribers || settings.debugEnabled()) {
        return await observeCall(service, call, peer)
      }
      return await serveCall(service, call, peer, undefined)
    },
    close(): Promise<void> {
      registry.close()
      return Promise.resolve()
    },
  }
}

/** Closes a session whose connection's grace period ended; one already gone is fine. */
async function closeExpired(
  engine: HiveThriftEngine,
  session: TrackedSession,
  onError: (error: unknown) => void,
): Promise<void> {
  try {
    await engine.sessions.close(session.handle, { user: session.user })
  } catch (error) {
    if (BatchgateError.is(error, ErrorCode.SESSION_NOT_FOUND) || BatchgateError.is(error, ErrorCode.CLOSED))
      return
    onError(error)
  }
}
