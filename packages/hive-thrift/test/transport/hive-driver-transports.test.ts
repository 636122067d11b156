import type { Server as HttpServer } from 'node:http'
import type { Server } from 'node:net'
import hive from 'hive-driver'
import { afterEach, describe, expect, it } from 'vitest'
import {
  TGetInfoType,
  TProtocolVersion,
  TStatusCode,
  decodeCall,
  encodeReply,
  encodeStatusReply,
  thriftBinaryServer,
  thriftHttpHandler,
  thriftPasswordAuth,
  type ThriftAuthenticate,
  type ThriftMessageProcessor,
  type ThriftPeer,
} from '../../src/index.js'
import { closeServer, httpServer, listen } from './helpers/servers.js'

// hive-driver's own connection classes (a HiveServer2 client nobody here wrote) against our transports:
// its TcpConnection with PlainTcpAuthentication (SASL PLAIN, then TFramedTransport) and with
// NoSaslAuthentication (TBufferedTransport, unframed), and its HttpConnection with
// PlainHttpAuthentication (Basic, one POST per message). The processor answers with the codec.

const { HiveClient, connections, auth, thrift: generated } = hive
type HiveClientTypes = ConstructorParameters<typeof HiveClient>
const generatedService = generated.TCLIService as HiveClientTypes[0]
const generatedTypes = generated.TCLIService_types as HiveClientTypes[1]
const PASSWORD = 'driver-Pa55'
const SESSION_GUID = Buffer.alloc(16, 7)

/** Answers OpenSession (echoing who the transport says the user is), GetInfo and CloseSession. */
function sessionProcessor(): ThriftMessageProcessor & { peers: ThriftPeer[] } {
  const peers: ThriftPeer[] = []
  return {
    peers,
    process: (message, peer) => {
      peers.push(peer)
      const call = decodeCall(message)
      const ok = { statusCode: TStatusCode.SUCCESS_STATUS }
      if (!call.served) {
        return Promise.resolve(
          encodeStatusReply(call.method, call.seqid, {
            statusCode: TStatusCode.ERROR_STATUS,
            errorMessage: `${call.method} is not served`,
          }),
        )
      }
      if (call.method === 'OpenSession') {
        return Promise.resolve(
          encodeReply('OpenSession', call.seqid, {
            status: ok,
            serverProtocolVersion: TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10,
            sessionHandle: { sessionId: { guid: SESSION_GUID, secret: Buffer.alloc(16, 9) } },
            configuration: { transportUser: peer.user ?? 'none' },
          }),
        )
      }
      if (call.method === 'GetInfo') {
        return Promise.resolve(
          encodeReply('GetInfo', call.seqid, {
            status: ok,
            infoValue: { stringValue: `${peer.transport} as ${peer.user ?? 'nobody'}` },
          }),
        )
      }
      if (call.method === 'CloseSession') {
        return Promise.resolve(encodeReply('CloseSession', call.seqid, { status: ok }))
      }
      return Promise.resolve(
        encodeStatusReply(call.method, call.seqid, {
          statusCode: TStatusCode.ERROR_STATUS,
          errorMessage: `${call.method} is not answered in this test`,
        }),
      )
    },
  }
}

const authenticate: ThriftAuthenticate = async (credentials, peer) => {
  if (credentials === undefined) return undefined // NOSASL: anyone, OpenSession's username counts
  return thriftPasswordAuth({ verify: (user, password) => user === 'alice' && password === PASSWORD })(
    credentials,
    peer,
  )
}

let server: Server | HttpServer | undefined
afterEach(async () => {
  if (server !== undefined) await closeServer(server)
  server = undefined
})

/** Connects, opens a session, asks GetInfo, closes: the infoValue the server gave. */
type Connect = InstanceType<typeof HiveClient>['connect']

async function exchange(
  port: number,
  connection: Parameters<Connect>[1],
  authentication: Parameters<Connect>[2],
  options: Record<string, unknown> = {},
): Promise<string> {
  const client = new HiveClient(generatedService, generatedTypes)
  await client.connect({ host: '127.0.0.1', port, options }, connection, authentication)
  try {
    const session = await client.openSession({
      client_protocol: TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10,
      username: 'claimed-user',
    })
    const info = await session.getInfo(TGetInfoType.CLI_SERVER_NAME)
    await session.close()
    return String(info.getValue())
  } finally {
    client.close()
  }
}

describe("hive-driver's connections against the transports", () => {
  it('TcpConnection with PlainTcpAuthentication: SASL PLAIN, then framed messages, as the PLAIN user', async () => {
    const processor = sessionProcessor()
    server = thriftBinaryServer(processor, { authenticate })
    const port = await listen(server)
    const value = await exchange(
      port,
      new connections.TcpConnection(),
      new auth.PlainTcpAuthentication({ username: 'alice', password: PASSWORD }),
    )
    expect(value).toBe('binary as alice')
    expect(processor.peers.map((peer) => peer.user)).toEqual(['alice', 'alice', 'alice'])
    expect(new Set(processor.peers.map((peer) => peer.id)).size).toBe(1)
  })

  it('TcpConnection with PlainTcpAuthentication and a wrong password: refused with our reason', async () => {
    server = thriftBinaryServer(sessionProcessor(), { authenticate })
    const port = await listen(server)
    await expect(
      exchange(
        port,
        new connections.TcpConnection(),
        new auth.PlainTcpAuthentication({ username: 'alice', password: 'wrong' }),
      ),
    ).rejects.toThrow('Authentication error: wrong user name or password')
  })

  it('TcpConnection with NoSaslAuthentication: unframed messages, no transport user', async () => {
    const processor = sessionProcessor()
    server = thriftBinaryServer(processor, { authenticate })
    const port = await listen(server)
    const value = await exchange(port, new connections.TcpConnection(), new auth.NoSaslAuthentication())
    expect(value).toBe('binary as nobody')
    expect(processor.peers).toHaveLength(3)
    expect(processor.peers.every((peer) => peer.user === undefined)).toBe(true)
  })

  it('HttpConnection with PlainHttpAuthentication: POST /cliservice with Basic, each request its own peer', async () => {
    const processor = sessionProcessor()
    const started = await httpServer(thriftHttpHandler(processor, { authenticate }))
    server = started.server
    const value = await exchange(
      started.port,
      new connections.HttpConnection(),
      new auth.PlainHttpAuthentication({ username: 'alice', password: PASSWORD }),
      { path: '/cliservice' },
    )
    expect(value).toBe('http as alice')
    expect(processor.peers.map((peer) => peer.transport)).toEqual(['http', 'http', 'http'])
    expect(new Set(processor.peers.map((peer) => peer.id)).size).toBe(3)
  })
})
