import { BatchgateError, ErrorCode } from '@batchgate/core'
import {
  decodeCall,
  encodeApplicationException,
  encodeReply,
  encodeStatusReply,
  isTCLIServiceMethod,
  TApplicationExceptionType,
} from '../protocol/index.js'
import type { ServedCall } from '../protocol/tcliservice-types.js'
import type { ThriftMessageProcessor, ThriftPeer } from '../transport/thrift-message-processor.js'
import { fetchResults } from './fetch-results.js'
import { HandleSigner } from './handle-signer.js'
import type { HiveThriftEngine } from './hive-thrift-engine.js'
import { metadataCalls } from './metadata-calls.js'
import {
  cancelOperation,
  closeOperation,
  getOperationStatus,
  getResultSetMetadata,
} from './operation-calls.js'
import { ServiceContext } from './service-context.js'
import { closeSession, getInfo, openSession } from './session-calls.js'
import { SessionRegistry, type TrackedSession } from './session-registry.js'
import { executeMetadata, executeStatement } from './statement-calls.js'
import { resolveServiceOptions, type TCLIServiceOptions } from './tcli-service-options.js'
import { errorStatus, INTERNAL_ERROR } from './thrift-status.js'

const { UNKNOWN_METHOD } = TApplicationExceptionType

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
 *   `process`, and the transport closes that connection.
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
      const call = decodeCall(message)
      if (!call.served) {
        if (!isTCLIServiceMethod(call.method)) {
          return encodeApplicationException(
            call.method,
            call.seqid,
            UNKNOWN_METHOD,
            `unknown method ${JSON.stringify(call.method)}: this is a HiveServer2 TCLIService`,
          )
        }
        if (call.method === 'GetQueryId') {
          return encodeApplicationException(call.method, call.seqid, UNKNOWN_METHOD, notServed(call.method))
        }
        return encodeStatusReply(call.method, call.seqid, errorStatus(notServed(call.method), 'HYC00'))
      }
      try {
        return await answer(service, call, peer)
      } catch (error) {
        // A response the codec cannot encode is a bug here: answer it rather than drop the connection.
        settings.onError(error)
        return encodeStatusReply(call.method, call.seqid, INTERNAL_ERROR)
      }
    },
    close(): Promise<void> {
      registry.close()
      return Promise.resolve()
    },
  }
}

async function answer(service: ServiceContext, call: ServedCall, peer: ThriftPeer): Promise<Buffer> {
  switch (call.method) {
    case 'OpenSession':
      return encodeReply(call.method, call.seqid, await openSession(service, call.args, peer))
    case 'CloseSession':
      return encodeReply(call.method, call.seqid, await closeSession(service, call.args, peer))
    case 'GetInfo':
      return encodeReply(call.method, call.seqid, getInfo(service, call.args, peer))
    case 'ExecuteStatement':
      return encodeReply(call.method, call.seqid, await executeStatement(service, call.args, peer))
    case 'GetTypeInfo':
    case 'GetCatalogs':
    case 'GetTableTypes':
    case 'GetSchemas':
    case 'GetTables':
    case 'GetColumns':
    case 'GetFunctions':
      return encodeReply(call.method, call.seqid, await executeMetadata(service, metadataCall(call), peer))
    case 'GetOperationStatus':
      return encodeReply(call.method, call.seqid, getOperationStatus(service, call.args, peer))
    case 'GetResultSetMetadata':
      return encodeReply(call.method, call.seqid, getResultSetMetadata(service, call.args, peer))
    case 'FetchResults':
      return encodeReply(call.method, call.seqid, await fetchResults(service, call.args, peer))
    case 'CancelOperation':
      return encodeReply(call.method, call.seqid, await cancelOperation(service, call.args, peer))
    case 'CloseOperation':
      return encodeReply(call.method, call.seqid, await closeOperation(service, call.args, peer))
  }
}

function metadataCall(
  call: Extract<
    ServedCall,
    {
      method:
        | 'GetTypeInfo'
        | 'GetCatalogs'
        | 'GetTableTypes'
        | 'GetSchemas'
        | 'GetTables'
        | 'GetColumns'
        | 'GetFunctions'
    }
  >,
): ReturnType<(typeof metadataCalls)['GetCatalogs']> {
  switch (call.method) {
    case 'GetTypeInfo':
      return metadataCalls.GetTypeInfo(call.args)
    case 'GetCatalogs':
      return metadataCalls.GetCatalogs(call.args)
    case 'GetTableTypes':
      return metadataCalls.GetTableTypes(call.args)
    case 'GetSchemas':
      return metadataCalls.GetSchemas(call.args)
    case 'GetTables':
      return metadataCalls.GetTables(call.args)
    case 'GetColumns':
      return metadataCalls.GetColumns(call.args)
    case 'GetFunctions':
      return metadataCalls.GetFunctions(call.args)
  }
}

function notServed(method: string): string {
  return `${method} is not served by this server; it serves OpenSession, CloseSession, GetInfo, ExecuteStatement, GetOperationStatus, GetResultSetMetadata, FetchResults, CancelOperation, CloseOperation and the metadata calls GetTypeInfo, GetCatalogs, GetSchemas, GetTables, GetTableTypes, GetColumns, GetFunctions`
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
