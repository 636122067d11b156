import { afterEach, describe, expect, it } from 'vitest'
import { connect, type Socket } from 'node:net'
import { once } from 'node:events'
import { BatchgateError, ErrorCode } from '@batchgate/core'
import { sqliteFixture, type SqliteFixture } from '@batchgate/store-sqlite/testing'
import { ThriftAuthenticationError, type ThriftCredentials } from '@batchgate/hive-thrift'
import { saslPlainHandshake } from '../../src/client/sasl-plain-client.js'
import { SocketReader } from '../../src/client/socket-reader.js'
import { HiveThriftRequestError } from '../../src/client/hive-thrift-request-error.js'
import { runStatement, thriftTestClient } from './thrift-call.js'
import { clientTestExecutor, startThriftTestServer, type ThriftTestServer } from './thrift-test-server.js'

// The client's SASL PLAIN exchange against the real binary transport (thriftBinaryServer) in front of
// the real service.
describe('saslPlainHandshake', () => {
  let fixture: SqliteFixture | undefined
  let server: ThriftTestServer | undefined
  const sockets: Socket[] = []
  const seen: (ThriftCredentials | undefined)[] = []

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy()
    seen.length = 0
    await server?.close()
    server = undefined
    await fixture?.dispose()
  })

  async function start(): Promise<number> {
    fixture = sqliteFixture()
    server = await startThriftTestServer(
      { store: fixture.newStore(), statementExecutor: clientTestExecutor(), retention: false },
      {
        auth: (credentials) => {
          seen.push(credentials)
          if (credentials?.password !== 'sesame')
            throw new ThriftAuthenticationError('wrong user name or password')
          return credentials.user
        },
      },
    )
    return server.binaryPort
  }

  async function opened(port: number): Promise<{ socket: Socket; reader: SocketReader }> {
    const socket = connect(port, '127.0.0.1')
    sockets.push(socket)
    const reader = new SocketReader(socket)
    await once(socket, 'connect')
    return { socket, reader }
  }

  it('sends authzid NUL user NUL password: the server reads exactly the user and password given', async () => {
    const port = await start()
    const { socket, reader } = await opened(port)
    await saslPlainHandshake(socket, reader, { user: 'zoë', password: 'sesame' })
    expect(seen).toEqual([{ user: 'zoë', password: 'sesame' }])
    expect(reader.pendingBytes).toBe(0)
  })

  it('leaves the connection ready for framed messages: a whole session runs over it', async () => {
    const port = await start()
    const client = thriftTestClient({
      host: '127.0.0.1',
      port,
      transport: 'binary',
      auth: { user: 'bob', password: 'sesame' },
    })
    try {
      const { operationHandle } = await runStatement(client, 'rows 3')
      expect(operationHandle.hasResultSet).toBe(true)
    } finally {
      client.close()
    }
    expect(seen).toEqual([{ user: 'bob', password: 'sesame' }])
  })

  it("turns the server's BAD answer into PERMISSION_DENIED with its message, never the password", async () => {
    const port = await start()
    const { socket, reader } = await opened(port)
    const error: unknown = await saslPlainHandshake(socket, reader, {
      user: 'bob',
      password: 'open-up',
    }).catch((err: unknown) => err)
    expect(HiveThriftRequestError.is(error, ErrorCode.PERMISSION_DENIED)).toBe(true)
    expect((error as Error).message).toMatch(
      /^the server refused the credentials of user "bob" \(SASL (BAD|ERROR)\): /,
    )
    expect((error as HiveThriftRequestError).serverMessage).toContain('wrong user name or password')
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain('open-up')
  })

  it('fails as SOURCE_FAILED when the port does not speak SASL, and as a socket error when the server goes away', async () => {
    const port = await start()
    // A NOSASL-only peer would answer with a Thrift message (0x80 …); here, an HTTP server's answer.
    const http = await import('node:http')
    const plain = http.createServer((_req, res) => res.end('no'))
    plain.listen(0, '127.0.0.1')
    await once(plain, 'listening')
    try {
      const { socket, reader } = await opened((plain.address() as { port: number }).port)
      const error: unknown = await saslPlainHandshake(socket, reader, {
        user: 'bob',
        password: 'sesame',
      }).catch((err: unknown) => err)
      expect(BatchgateError.is(error, ErrorCode.SOURCE_FAILED)).toBe(true)
      expect((error as Error).message).toContain('is not a SASL negotiation message')
    } finally {
      plain.closeAllConnections()
      await new Promise<void>((resolve) =>
        plain.close(() => {
          resolve()
        }),
      )
    }
    const { socket, reader } = await opened(port)
    const handshake = saslPlainHandshake(socket, reader, { user: 'bob', password: 'sesame' })
    await handshake
    socket.destroy()
    await expect(reader.read(() => undefined)).rejects.toThrow('the server closed the connection')
  })
})
