import type { SessionInfo } from '@batchgate/core'

/** Kyuubi's session name conf key, shown as `sessionName`. */
const SESSION_NAME_KEY = 'kyuubi.session.name'

/**
 * A session in the shape of Kyuubi's `KyuubiSessionEvent` (`GET /sessions/{handle}`): the fields
 * batchgate knows; the engine-side ones (`engineId`, `remoteSessionId`, …) are `null`. The session is
 * open, so `endTime` is 0 and `eventTime` is its last access.
 *
 * @example
 * ```ts
 * ok(sessionEventDto(engine.sessions.get(handle, { user })))
 * ```
 */
export function sessionEventDto(session: SessionInfo): Record<string, unknown> {
  return {
    sessionId: session.handle,
    sessionType: 'INTERACTIVE',
    sessionName: session.conf[SESSION_NAME_KEY] ?? null,
    remoteSessionId: null,
    engineId: null,
    engineName: null,
    engineUrl: null,
    user: session.user,
    clientIp: null,
    serverIp: null,
    conf: session.conf,
    optimizedConf: session.conf,
    eventTime: session.lastAccessTime,
    openedTime: session.createTime,
    startTime: session.createTime,
    endTime: 0,
    totalOperations: session.operationCount,
    exception: null,
  }
}

/**
 * A session in Kyuubi's `SessionData` (`GET /sessions`), as of `now` (epoch ms): `duration` since it
 * opened, `idleTime` since its last call.
 *
 * @example
 * ```ts
 * ok(engine.sessions.list({ user }).map((session) => sessionDataDto(session, Date.now())))
 * ```
 */
export function sessionDataDto(session: SessionInfo, now: number): Record<string, unknown> {
  return {
    identifier: session.handle,
    remoteId: null,
    user: session.user,
    ipAddr: null,
    conf: session.conf,
    optimizedConf: session.conf,
    createTime: session.createTime,
    duration: Math.max(0, now - session.createTime),
    idleTime: Math.max(0, now - session.lastAccessTime),
    exception: null,
    sessionType: 'INTERACTIVE',
    kyuubiInstance: session.instanceId,
    engineId: null,
    engineName: null,
    engineUrl: null,
    sessionName: session.conf[SESSION_NAME_KEY] ?? null,
    totalOperations: session.operationCount,
  }
}
