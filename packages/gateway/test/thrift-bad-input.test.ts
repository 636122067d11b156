// Bad input against a real gateway's Thrift binary port, over raw sockets and hive-driver's raw client:
// garbage bytes, a truncated frame, a SASL exchange with a wrong mechanism, a huge declared frame, a
// method that does not exist, a TCLIService method not served, unknown handles and a handle of another
// user. Each gets the documented answer (packages/hive-thrift/README.md, "Bad input"), and a hive-driver
// session opened before them all keeps working after each.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startGatewayProcess, type GatewayProcess } from './helpers/gateway-process.js'
import {
  CLIENT_PROTOCOL,
  connectHiveDriver,
  fetchAllRows,
  TCLI,
  type ConnectedClient,
  type HiveSession,
} from './helpers/hive-driver-client.js'
import {
  emptyCall,
  plainHandshake,
  rawConnect,
  SaslStatus,
  saslMessage,
  type RawConnection,
} from './helpers/raw-thrift-socket.js'

let dir: string
let gateway: GatewayProcess
/** The well-behaved client that must keep working throughout. */
let bystander: ConnectedClient
let bystanderSession: HiveSession

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'batchgate-gateway-thrift-bad-input-'))
  gateway = await startGatewayProcess(['--store', `sqlite:${join(dir, 'metastore.db')}`])
  bystander = await connectHiveDriver(gateway, 'PLAIN', { user: 'carol', password: 'x' })
  bystanderSession = await bystander.client.openSession({ client_protocol: CLIENT_PROTOCOL })
})

afterAll(async () => {
  try {
    await bystanderSession.close()
    bystander.close()
    expect(await gateway.stop()).toBe(0)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

function binaryPort(): { host: string; port: number } {
  if (gateway.thrift === undefined) throw new Error('the Thrift binary front is off')
  return gateway.thrift
}

async function raw(): Promise<RawConnection> {
  const { host, port } = binaryPort()
  return rawConnect(host, port)
}

/** The bystander's session still runs a statement and reads its rows. */
async function bystanderStillWorks(): Promise<void> {
  const rows = await fetchAllRows(await bystanderSession.executeStatement("select 'still here' as answer"))
  expect(rows).toEqual([{ answer: 'still here' }])
  expect(bystander.errors).toEqual([])
}

describe('bad input on the Thrift binary port', () => {
  it('garbage bytes (neither SASL START nor a binary Thrift message): closed without a reply', async () => {
    const connection = await raw()
    connection.socket.write('GET /cliservice HTTP/1.1\r\nHost: x\r\n\r\n')
    expect((await connection.closed).length).toBe(0)
    await bystanderStillWorks()
  })

  it('a SASL exchange with a wrong mechanism: BAD with the reason, then closed', async () => {
    const connection = await raw()
    connection.socket.write(
      Buffer.concat([saslMessage(SaslStatus.START, 'GSSAPI'), saslMessage(SaslStatus.OK, 'token')]),
    )
    const answer = await connection.closed
    expect(answer[0]).toBe(SaslStatus.BAD)
    expect(answer.readUInt32BE(1)).toBe(answer.length - 5)
    expect(answer.subarray(5).toString('utf8')).toMatch(/unsupported SASL mechanism "GSSAPI".*PLAIN/)
    await bystanderStillWorks()
  })

  it('a truncated frame (the client ends before the frame it declared): closed without a reply', async () => {
    const connection = await raw()
    await plainHandshake(connection, 'dave', 'x')
    const header = Buffer.alloc(4)
    header.writeUInt32BE(100, 0)
    connection.socket.end(Buffer.concat([header, emptyCall('OpenSession').subarray(0, 10)]))
    // Only the SASL COMPLETE (5 bytes) came back.
    expect((await connection.closed).length).toBe(5)
    await bystanderStillWorks()
  })

  it('a huge declared frame: closed at once, before its bytes are read', async () => {
    const connection = await raw()
    await plainHandshake(connection, 'dave', 'x')
    const header = Buffer.alloc(4)
    header.writeUInt32BE(0x7fff_ffff, 0)
    // The header only: the server must not wait for two gigabytes.
    connection.socket.write(header)
    expect((await connection.closed).length).toBe(5)
    await bystanderStillWorks()
  })

  it('NOSASL bytes that cannot be a Thrift message (an unknown message type): closed without a reply', async () => {
    const connection = await raw()
    const message = emptyCall('OpenSession')
    message.writeUInt32BE(0x80010009, 0)
    connection.socket.write(message)
    expect((await connection.closed).length).toBe(0)
    await bystanderStillWorks()
  })

  it('a method that is not a TCLIService method: a TApplicationException UNKNOWN_METHOD, and the connection stays', async () => {
    const connection = await raw()
    connection.socket.write(emptyCall('DropEverything'))
    const reply = await connection.receivedUntil((data) => data.includes(Buffer.from([8, 0, 2, 0, 0, 0, 1])))
    // Strict binary header with message type EXCEPTION (3), the method's name and seqid 1.
    expect(reply.readUInt32BE(0)).toBe(0x80010003)
    expect(reply.subarray(8, 8 + reply.readUInt32BE(4)).toString('utf8')).toBe('DropEverything')
    expect(connection.socket.destroyed).toBe(false)
    connection.socket.destroy()
    await bystanderStillWorks()
  })

  it('a TCLIService method that is not served: an ERROR status naming it', async () => {
    await expect(bystanderSession.getPrimaryKeys({ schemaName: 'main', tableName: 'sales' })).rejects.toThrow(
      /GetPrimaryKeys/,
    )
    await bystanderStillWorks()
  })

  it('unknown handles: "not found" statuses, the connection stays', async () => {
    const unknown = { guid: randomBytes(16), secret: randomBytes(16) }
    const fetched = await bystander.raw.FetchResults(
      new TCLI.TFetchResultsReq({
        operationHandle: { operationId: unknown, operationType: 0, hasResultSet: true },
        orientation: TCLI.TFetchOrientation.FETCH_NEXT,
        maxRows: 10,
      }),
    )
    expect(fetched.status).toMatchObject({ statusCode: TCLI.TStatusCode.ERROR_STATUS, sqlState: '24000' })
    expect(fetched.status.errorMessage).toMatch(/no open operation/)
    const closed = await bystander.raw.CloseSession(
      new TCLI.TCloseSessionReq({ sessionHandle: { sessionId: unknown } }),
    )
    expect(closed.status).toMatchObject({ statusCode: TCLI.TStatusCode.ERROR_STATUS, sqlState: '08003' })
    expect(closed.status.errorMessage).toMatch(/no open session/)
    await bystanderStillWorks()
  })

  it("another user's handles: answered as not found, and still usable by their owner", async () => {
    const alice = await connectHiveDriver(gateway, 'PLAIN', { user: 'alice', password: 'x' })
    const bob = await connectHiveDriver(gateway, 'PLAIN', { user: 'bob', password: 'x' })
    try {
      const opened = await alice.raw.OpenSession(
        new TCLI.TOpenSessionReq({ client_protocol: CLIENT_PROTOCOL }),
      )
      const executed = await alice.raw.ExecuteStatement(
        new TCLI.TExecuteStatementReq({
          sessionHandle: opened.sessionHandle,
          statement: 'select 42 as answer',
        }),
      )
      const operationHandle = executed.operationHandle
      if (operationHandle === null) throw new Error('no operation handle')
      const fetch = (client: ConnectedClient) =>
        client.raw.FetchResults(
          new TCLI.TFetchResultsReq({
            operationHandle,
            orientation: TCLI.TFetchOrientation.FETCH_NEXT,
            maxRows: 10,
          }),
        )

      const stolen = await fetch(bob)
      expect(stolen.status).toMatchObject({ statusCode: TCLI.TStatusCode.ERROR_STATUS, sqlState: '24000' })
      expect(stolen.results).toBeNull()
      const hijack = await bob.raw.ExecuteStatement(
        new TCLI.TExecuteStatementReq({ sessionHandle: opened.sessionHandle, statement: 'select 1' }),
      )
      expect(hijack.status).toMatchObject({ statusCode: TCLI.TStatusCode.ERROR_STATUS, sqlState: '08003' })
      const closedByBob = await bob.raw.CloseSession(
        new TCLI.TCloseSessionReq({ sessionHandle: opened.sessionHandle }),
      )
      expect(closedByBob.status.statusCode).toBe(TCLI.TStatusCode.ERROR_STATUS)

      const own = await fetch(alice)
      expect(own.status.statusCode).toBe(TCLI.TStatusCode.SUCCESS_STATUS)
      expect(own.results?.startRowOffset.toNumber()).toBe(0)
      const closed = await alice.raw.CloseSession(
        new TCLI.TCloseSessionReq({ sessionHandle: opened.sessionHandle }),
      )
      expect(closed.status.statusCode).toBe(TCLI.TStatusCode.SUCCESS_STATUS)
    } finally {
      alice.close()
      bob.close()
    }
    await bystanderStillWorks()
  })
})
