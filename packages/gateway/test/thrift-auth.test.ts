// --auth basic on the Thrift fronts, through hive-driver: SASL PLAIN and HTTP Basic are checked against
// the users file (a wrong password is refused, the right one works), NOSASL carries no credentials and
// is refused, and no password reaches the gateway's output. --auth none lets any user in, under the name
// it gives.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startGatewayProcess, type GatewayProcess } from './helpers/gateway-process.js'
import {
  CLIENT_PROTOCOL,
  connectHiveDriver,
  fetchAllRows,
  type ConnectedClient,
  type ThriftMode,
} from './helpers/hive-driver-client.js'
import { rest, basic } from './helpers/rest-client.js'

let dir: string
let gateway: GatewayProcess

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'batchgate-gateway-thrift-auth-'))
  const users = join(dir, 'users')
  writeFileSync(users, 'alice:correct horse battery\n', { mode: 0o600 })
  gateway = await startGatewayProcess(['--auth', 'basic', '--store', `sqlite:${join(dir, 'metastore.db')}`], {
    BATCHGATE_AUTH_FILE: users,
  })
})

afterAll(async () => {
  try {
    expect(await gateway.stop()).toBe(0)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  expect(gateway.output()).not.toMatch(/correct horse|wrong-password/)
})

/**
 * What became of `attempt` on `connection`: its value, its error, or the connection's own error or close
 * (hive-driver reports an HTTP 401 or a closed socket as an event, not as a rejection of the call).
 */
async function outcome<T>(
  connection: ConnectedClient,
  attempt: Promise<T>,
): Promise<{ value: T } | { error: unknown }> {
  const failed = new Promise<{ error: unknown }>((resolve) => {
    connection.client.once('error', (error: unknown) => {
      resolve({ error })
    })
    connection.client.once('close', () => {
      resolve({ error: new Error('the connection was closed') })
    })
  })
  return Promise.race([
    attempt.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    failed,
  ])
}

describe('--auth basic on the Thrift fronts', () => {
  it.each<ThriftMode>(['PLAIN', 'HTTP'])(
    '%s: the right password opens a session and runs a statement',
    async (mode) => {
      const connection = await connectHiveDriver(gateway, mode, {
        user: 'alice',
        password: 'correct horse battery',
      })
      try {
        const session = await connection.client.openSession({ client_protocol: CLIENT_PROTOCOL })
        const rows = await fetchAllRows(await session.executeStatement("select 'ok' as answer"))
        expect(rows).toEqual([{ answer: 'ok' }])
        expect((await session.close()).success()).toBe(true)
      } finally {
        connection.close()
      }
    },
  )

  it('PLAIN: a wrong password fails the SASL exchange', async () => {
    await expect(
      connectHiveDriver(gateway, 'PLAIN', { user: 'alice', password: 'wrong-password' }),
    ).rejects.toThrow(/Authentication error/)
    await expect(
      connectHiveDriver(gateway, 'PLAIN', { user: 'mallory', password: 'correct horse battery' }),
    ).rejects.toThrow(/Authentication error/)
  })

  it('HTTP: a wrong password is answered 401', async () => {
    const connection = await connectHiveDriver(gateway, 'HTTP', { user: 'alice', password: 'wrong-password' })
    try {
      const result = await outcome(
        connection,
        connection.client.openSession({ client_protocol: CLIENT_PROTOCOL }),
      )
      expect(result).toEqual({ error: expect.objectContaining({ statusCode: 401 }) })
    } finally {
      connection.close()
    }
  })

  it('NOSASL carries no credentials and is refused', async () => {
    const connection = await connectHiveDriver(gateway, 'NOSASL', {
      user: 'alice',
      password: 'correct horse battery',
    })
    try {
      const result = await outcome(
        connection,
        connection.client.openSession({ client_protocol: CLIENT_PROTOCOL }),
      )
      expect(result).toHaveProperty('error')
    } finally {
      connection.close()
    }
  })

  it('the REST front still checks the same users file', async () => {
    expect(
      (await rest(gateway.url, 'GET', '/batches', undefined, basic('alice', 'wrong-password'))).status,
    ).toBe(401)
    expect(
      (await rest(gateway.url, 'GET', '/batches', undefined, basic('alice', 'correct horse battery'))).status,
    ).toBe(200)
  })
})
