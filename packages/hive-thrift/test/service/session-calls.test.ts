import { describe, expect, it } from 'vitest'
import { TGetInfoType, TProtocolVersion, TStatusCode } from '@batchgate/hive-thrift'
import { binaryPeer, httpPeer, startService } from './helpers/service-harness.js'

const V = TProtocolVersion

describe('OpenSession', () => {
  it.each([
    ['V1', V.HIVE_CLI_SERVICE_PROTOCOL_V1, V.HIVE_CLI_SERVICE_PROTOCOL_V1],
    ['V5', V.HIVE_CLI_SERVICE_PROTOCOL_V5, V.HIVE_CLI_SERVICE_PROTOCOL_V5],
    ['V6', V.HIVE_CLI_SERVICE_PROTOCOL_V6, V.HIVE_CLI_SERVICE_PROTOCOL_V6],
    ['V10', V.HIVE_CLI_SERVICE_PROTOCOL_V10, V.HIVE_CLI_SERVICE_PROTOCOL_V10],
    ['V11 (newer than the server)', V.HIVE_CLI_SERVICE_PROTOCOL_V11, V.HIVE_CLI_SERVICE_PROTOCOL_V10],
    ['a version no Hive has yet (42)', 42, V.HIVE_CLI_SERVICE_PROTOCOL_V10],
  ])('negotiates a %s client down to what both speak', async (_name, client, expected) => {
    const harness = await startService()
    const response = await harness.call(
      'OpenSession',
      { client_protocol: client as TProtocolVersion },
      binaryPeer('alice'),
    )
    expect(response.status.statusCode).toBe(TStatusCode.SUCCESS_STATUS)
    expect(response.serverProtocolVersion).toBe(expected)
    expect(response.sessionHandle?.sessionId.guid).toHaveLength(16)
    expect(response.sessionHandle?.sessionId.secret).toHaveLength(16)
  })

  it('refuses a negative client protocol with an ERROR status and still names its own version', async () => {
    const harness = await startService()
    const response = await harness.call(
      'OpenSession',
      { client_protocol: -1 as TProtocolVersion },
      binaryPeer('alice'),
    )
    expect(response.status).toMatchObject({ statusCode: TStatusCode.ERROR_STATUS, sqlState: '08001' })
    expect(response.status.errorMessage).toContain('client_protocol -1')
    expect(response.serverProtocolVersion).toBe(V.HIVE_CLI_SERVICE_PROTOCOL_V10)
    expect(response.sessionHandle).toBeUndefined()
  })

  it('opens the session as the authenticated user, whatever username the request claims', async () => {
    const harness = await startService()
    await harness.call(
      'OpenSession',
      { client_protocol: V.HIVE_CLI_SERVICE_PROTOCOL_V10, username: 'mallory', password: 'x' },
      binaryPeer('alice'),
    )
    expect(harness.engine.sessions.list({ user: 'alice' })).toHaveLength(1)
    expect(harness.engine.sessions.list({ user: 'mallory' })).toHaveLength(0)
  })

  it('without authentication opens it as the request username, else as anonymous', async () => {
    const harness = await startService()
    await harness.call('OpenSession', { client_protocol: 9, username: 'bob' }, binaryPeer(undefined))
    await harness.call('OpenSession', { client_protocol: 9, username: '' }, binaryPeer(undefined))
    await harness.call('OpenSession', { client_protocol: 9 }, binaryPeer(undefined))
    expect(harness.engine.sessions.list({ user: 'bob' })).toHaveLength(1)
    expect(harness.engine.sessions.list({ user: 'anonymous' })).toHaveLength(2)
  })

  it("keeps Hive's prefixed configuration keys as conf keys and answers the conf the session runs with", async () => {
    const harness = await startService()
    const configuration = {
      'set:hiveconf:hive.exec.parallel': 'true',
      'set:hivevar:region': 'eu',
      'use:database': 'sales',
      'spark.app.name': 'report',
    }
    const peer = binaryPeer('alice')
    const response = await harness.call('OpenSession', { client_protocol: 9, configuration }, peer)
    expect(response.configuration).toEqual(configuration)
    const session = response.sessionHandle
    if (session === undefined) throw new Error('no session')
    const [info] = harness.engine.sessions.list({ user: 'alice' })
    expect(info?.conf).toEqual(configuration)
    // The executor sees them as they are.
    const operation = await harness.execute(session, 'conf use:database', peer)
    const fetched = await harness.call(
      'FetchResults',
      { operationHandle: operation, orientation: 0, maxRows: 10 },
      peer,
    )
    expect(fetched.results?.columns?.[0]?.stringVal?.values).toEqual(['sales'])
  })

  it("translates core's per-user session limit into an ERROR status with HY014", async () => {
    const harness = await startService({ sessions: { maxPerUser: 1 } })
    await harness.open(binaryPeer('alice'))
    const response = await harness.call('OpenSession', { client_protocol: 9 }, binaryPeer('alice'))
    expect(response.status).toMatchObject({ statusCode: TStatusCode.ERROR_STATUS, sqlState: 'HY014' })
    expect(response.status.errorMessage).toContain('already has 1 open sessions')
    expect(response.serverProtocolVersion).toBe(V.HIVE_CLI_SERVICE_PROTOCOL_V10)
  })

  it('refuses a proxy user asked by a non-admin (core: PERMISSION_DENIED) with 28000', async () => {
    const harness = await startService()
    const response = await harness.call(
      'OpenSession',
      { client_protocol: 9, configuration: { 'hive.server2.proxy.user': 'bob' } },
      binaryPeer('alice'),
    )
    expect(response.status).toMatchObject({ statusCode: TStatusCode.ERROR_STATUS, sqlState: '28000' })
  })
})

describe('CloseSession', () => {
  it('closes the session; a second close answers not found', async () => {
    const harness = await startService()
    const peer = httpPeer('alice')
    const session = await harness.open(peer)
    const closed = await harness.call('CloseSession', { sessionHandle: session }, peer)
    expect(closed.status.statusCode).toBe(TStatusCode.SUCCESS_STATUS)
    expect(harness.engine.sessions.list({ user: 'alice' })).toHaveLength(0)
    const again = await harness.call('CloseSession', { sessionHandle: session }, peer)
    expect(again.status).toMatchObject({
      statusCode: TStatusCode.ERROR_STATUS,
      sqlState: '08003',
      errorCode: 1011,
    })
    expect(again.status.errorMessage).toMatch(/^you have no open session "[0-9a-f-]{36}"/)
  })

  it("answers another user's handle exactly as an unknown one, and a wrong secret the same way", async () => {
    const harness = await startService()
    const session = await harness.open(binaryPeer('alice'))
    const byBob = await harness.call('CloseSession', { sessionHandle: session }, binaryPeer('bob'))
    const forged = {
      sessionId: { guid: session.sessionId.guid, secret: Buffer.alloc(16, 7) },
    }
    const byForger = await harness.call('CloseSession', { sessionHandle: forged }, binaryPeer('alice'))
    expect(byBob.status).toMatchObject({ statusCode: TStatusCode.ERROR_STATUS, sqlState: '08003' })
    expect(byForger.status).toEqual(byBob.status)
    expect(harness.engine.sessions.list({ user: 'alice' })).toHaveLength(1)
  })

  it('refuses a malformed handle (a guid that is not 16 bytes) as not found', async () => {
    const harness = await startService()
    const response = await harness.call(
      'CloseSession',
      { sessionHandle: { sessionId: { guid: Buffer.from('short'), secret: Buffer.alloc(16) } } },
      binaryPeer('alice'),
    )
    expect(response.status).toMatchObject({ statusCode: TStatusCode.ERROR_STATUS, sqlState: '08003' })
    expect(response.status.errorMessage).toContain('a malformed handle')
  })
})

describe('GetInfo', () => {
  it('answers the server and DBMS names and version from the options, and Hive’s name lengths', async () => {
    const harness = await startService({}, { serverName: 'gw', dbmsName: 'Spark SQL', dbmsVersion: '3.5.1' })
    const peer = binaryPeer('alice')
    const sessionHandle = await harness.open(peer)
    const info = async (infoType: TGetInfoType) => harness.call('GetInfo', { sessionHandle, infoType }, peer)
    expect((await info(TGetInfoType.CLI_SERVER_NAME)).infoValue).toEqual({ stringValue: 'gw' })
    expect((await info(TGetInfoType.CLI_DBMS_NAME)).infoValue).toEqual({ stringValue: 'Spark SQL' })
    expect((await info(TGetInfoType.CLI_DBMS_VER)).infoValue).toEqual({ stringValue: '3.5.1' })
    expect((await info(TGetInfoType.CLI_MAX_TABLE_NAME_LEN)).infoValue).toEqual({ lenValue: 128n })
    expect((await info(TGetInfoType.CLI_MAX_COLUMN_NAME_LEN)).infoValue).toEqual({ lenValue: 128n })
    expect((await info(TGetInfoType.CLI_ODBC_KEYWORDS)).infoValue).toEqual({ stringValue: 'Unimplemented' })
  })

  it('answers an info type Hive does not answer with an ERROR naming it', async () => {
    const harness = await startService()
    const peer = binaryPeer('alice')
    const sessionHandle = await harness.open(peer)
    const response = await harness.call(
      'GetInfo',
      { sessionHandle, infoType: TGetInfoType.CLI_TXN_CAPABLE },
      peer,
    )
    expect(response.status.statusCode).toBe(TStatusCode.ERROR_STATUS)
    expect(response.status.errorMessage).toContain('unrecognized GetInfoType value CLI_TXN_CAPABLE')
  })

  it('checks the session first', async () => {
    const harness = await startService()
    const sessionHandle = await harness.open(binaryPeer('alice'))
    const response = await harness.call(
      'GetInfo',
      { sessionHandle, infoType: TGetInfoType.CLI_DBMS_NAME },
      binaryPeer('bob'),
    )
    expect(response.status).toMatchObject({ statusCode: TStatusCode.ERROR_STATUS, sqlState: '08003' })
  })
})
