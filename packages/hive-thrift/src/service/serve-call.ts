import type { WireRequestMessage } from '@batchgate/core/diagnostics'
import {
  encodeApplicationException,
  encodeReply,
  encodeStatusReply,
  isTCLIServiceMethod,
  TApplicationExceptionType,
} from '../protocol/index.js'
import type {
  Encodable,
  ServedCall,
  ServedMethod,
  ServedMethods,
  ThriftCall,
  TStatus,
} from '../protocol/tcliservice-types.js'
import type { ThriftPeer } from '../transport/thrift-message-processor.js'
import { fetchResults } from './fetch-results.js'
import { metadataCalls } from './metadata-calls.js'
import {
  cancelOperation,
  closeOperation,
  getOperationStatus,
  getResultSetMetadata,
} from './operation-calls.js'
import type { ServiceContext } from './service-context.js'
import { closeSession, getInfo, openSession } from './session-calls.js'
import { executeMetadata, executeStatement } from './statement-calls.js'
import { errorCodeOfStatus, errorStatus, INTERNAL_ERROR, statusName } from './thrift-status.js'

const { UNKNOWN_METHOD } = TApplicationExceptionType

/**
 * Answers one decoded call (see `tcliService`), writing on `record` when given the answer's status name
 * and, on failure, its error code: read from the response object before it is encoded, never by
 * decoding the reply.
 *
 * @example
 * ```ts
 * const reply = await serveCall(service, decodeCall(message), peer, undefined)
 * ```
 */
export async function serveCall(
  service: ServiceContext,
  call: ThriftCall,
  peer: ThriftPeer,
  record: WireRequestMessage | undefined,
): Promise<Buffer> {
  if (!call.served) {
    if (!isTCLIServiceMethod(call.method) || call.method === 'GetQueryId') {
      if (record !== undefined) record.errorCode = 'UNKNOWN_METHOD'
      const message = isTCLIServiceMethod(call.method)
        ? notServed(call.method)
        : `unknown method ${JSON.stringify(call.method)}: this is a HiveServer2 TCLIService`
      return encodeApplicationException(call.method, call.seqid, UNKNOWN_METHOD, message)
    }
    return statusReply(call.method, call.seqid, errorStatus(notServed(call.method), 'HYC00'), record)
  }
  try {
    return await answer(service, call, peer, record)
  } catch (error) {
    // A response the codec cannot encode is a bug here: answer it rather than drop the connection.
    service.settings.onError(error)
    return statusReply(call.method, call.seqid, INTERNAL_ERROR, record)
  }
}

/** Notes a status on the record (when observed). */
function note(status: TStatus, record: WireRequestMessage | undefined): void {
  if (record === undefined) return
  record.thriftStatus = statusName(status)
  record.errorCode = errorCodeOfStatus(status)
}

function statusReply(
  method: string,
  seqid: number,
  status: TStatus,
  record: WireRequestMessage | undefined,
): Buffer {
  note(status, record)
  return encodeStatusReply(method, seqid, status)
}

/** Encodes a served method's response, noting its status first (every served response has one). */
function reply<M extends ServedMethod>(
  method: M,
  seqid: number,
  response: Encodable<ServedMethods[M]['response']>,
  record: WireRequestMessage | undefined,
): Buffer {
  if (record !== undefined) note((response as { readonly status: TStatus }).status, record)
  return encodeReply(method, seqid, response)
}

async function answer(
  service: ServiceContext,
  call: ServedCall,
  peer: ThriftPeer,
  record: WireRequestMessage | undefined,
): Promise<Buffer> {
  switch (call.method) {
    case 'OpenSession':
      return reply(call.method, call.seqid, await openSession(service, call.args, peer), record)
    case 'CloseSession':
      return reply(call.method, call.seqid, await closeSession(service, call.args, peer), record)
    case 'GetInfo':
      return reply(call.method, call.seqid, getInfo(service, call.args, peer), record)
    case 'ExecuteStatement':
      return reply(call.method, call.seqid, await executeStatement(service, call.args, peer), record)
    case 'GetTypeInfo':
    case 'GetCatalogs':
    case 'GetTableTypes':
    case 'GetSchemas':
    case 'GetTables':
    case 'GetColumns':
    case 'GetFunctions':
      return reply(call.method, call.seqid, await executeMetadata(service, metadataCall(call), peer), record)
    case 'GetOperationStatus':
      return reply(call.method, call.seqid, getOperationStatus(service, call.args, peer), record)
    case 'GetResultSetMetadata':
      return reply(call.method, call.seqid, getResultSetMetadata(service, call.args, peer), record)
    case 'FetchResults':
      return reply(call.method, call.seqid, await fetchResults(service, call.args, peer), record)
    case 'CancelOperation':
      return reply(call.method, call.seqid, await cancelOperation(service, call.args, peer), record)
    case 'CloseOperation':
      return reply(call.method, call.seqid, await closeOperation(service, call.args, peer), record)
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
