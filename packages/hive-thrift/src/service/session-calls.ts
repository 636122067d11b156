import type {
  Encodable,
  TCloseSessionReq,
  TCloseSessionResp,
  TGetInfoReq,
  TGetInfoResp,
  TOpenSessionReq,
  TOpenSessionResp,
} from '../protocol/tcliservice-types.js'
import type { ThriftPeer } from '../transport/thrift-message-processor.js'
import { ANSWERED_INFO_TYPES, getInfoValue, infoTypeName } from './get-info.js'
import { negotiateProtocol, SERVER_PROTOCOL } from './protocol-version.js'
import { ANONYMOUS, type ResolvedHandle, type ServiceContext } from './service-context.js'
import { errorStatus, statusOfError, SUCCESS_STATUS } from './thrift-status.js'

/**
 * OpenSession: negotiates the protocol (the lower of the client's and V10, answered as
 * `serverProtocolVersion`), opens a core session as the connection's authenticated user, or without
 * authentication as the request's `username` (else `anonymous`), with `configuration` as its conf. Hive's
 * prefixed keys (`set:hiveconf:…`, `set:hivevar:…`, `use:database`) are kept as they are, as conf keys
 * the statement executor sees; `hive.server2.proxy.user` opens it for that user (admins only, core's
 * rule). The answer's `configuration` is the conf the session runs with. The password is never read.
 *
 * @example
 * ```ts
 * const response = await openSession(service, { client_protocol: 9, configuration: {} }, peer)
 * ```
 */
export async function openSession(
  service: ServiceContext,
  request: TOpenSessionReq,
  peer: ThriftPeer,
): Promise<Encodable<TOpenSessionResp>> {
  const protocol = negotiateProtocol(request.client_protocol)
  if (protocol === undefined) {
    return {
      status: errorStatus(
        `OpenSession: client_protocol ${String(request.client_protocol)} is no TProtocolVersion; this server speaks HIVE_CLI_SERVICE_PROTOCOL_V1 to V10`,
        '08001',
      ),
      serverProtocolVersion: SERVER_PROTOCOL,
    }
  }
  try {
    const username = request.username
    const user = peer.user ?? (username !== undefined && username !== '' ? username : ANONYMOUS)
    const info = await service.engine.sessions.open(request.configuration ?? {}, { user })
    service.registry.addSession(info.handle, user, protocol, peer)
    service.sweepIfGrown()
    return {
      status: SUCCESS_STATUS,
      serverProtocolVersion: protocol,
      sessionHandle: { sessionId: service.signer.identifier(info.handle) },
      configuration: { ...info.conf },
    }
  } catch (error) {
    return { status: statusOfError(error, service.settings.onError), serverProtocolVersion: protocol }
  }
}

/**
 * CloseSession: closes the session and its operations.
 *
 * @example
 * ```ts
 * await closeSession(service, { sessionHandle }, peer)
 * ```
 */
export async function closeSession(
  service: ServiceContext,
  request: TCloseSessionReq,
  peer: ThriftPeer,
): Promise<TCloseSessionResp> {
  let resolved: ResolvedHandle | undefined
  try {
    resolved = service.session(request.sessionHandle, peer)
    await service.engine.sessions.close(resolved.handle, resolved.context)
    service.registry.removeSession(resolved.handle)
    return { status: SUCCESS_STATUS }
  } catch (error) {
    service.forgetIfGone(error, resolved, 'session')
    return { status: statusOfError(error, service.settings.onError) }
  }
}

/**
 * GetInfo: the server's name, DBMS name and version and the name lengths HiveServer2 announces; any
 * other info type answers ERROR naming the ones answered (HiveServer2 refuses them too). An error answer
 * still carries an (empty) `infoValue`, the field being required.
 *
 * @example
 * ```ts
 * await getInfo(service, { sessionHandle, infoType: TGetInfoType.CLI_DBMS_VER }, peer)
 * ```
 */
export function getInfo(
  service: ServiceContext,
  request: TGetInfoReq,
  peer: ThriftPeer,
): Encodable<TGetInfoResp> {
  let resolved: ResolvedHandle | undefined
  try {
    resolved = service.session(request.sessionHandle, peer)
    service.engine.sessions.get(resolved.handle, resolved.context)
    const infoValue = getInfoValue(request.infoType, service.settings)
    if (infoValue === undefined) {
      return {
        status: errorStatus(
          `GetInfo: unrecognized GetInfoType value ${infoTypeName(request.infoType)}; this server answers ${ANSWERED_INFO_TYPES}`,
          'HY096',
        ),
        infoValue: { stringValue: '' },
      }
    }
    return { status: SUCCESS_STATUS, infoValue }
  } catch (error) {
    service.forgetIfGone(error, resolved, 'session')
    return { status: statusOfError(error, service.settings.onError), infoValue: { stringValue: '' } }
  }
}
