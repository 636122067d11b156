import type { AddressInfo, Server } from 'node:net'
import hive from 'hive-driver'
import { afterEach, describe, expect, it } from 'vitest'
import { thriftBinaryServer, thriftNoAuth, TGetInfoType, TProtocolVersion } from '@batchgate/hive-thrift'
import { startService } from './helpers/service-harness.js'

// hive-driver (a HiveServer2 client nobody here wrote), over the real binary transport (NOSASL), against
// the service on a real engine: the whole stack the gateway's end-to-end tests drive in all modes.

const { HiveClient, HiveUtils, connections, auth, thrift: generated } = hive
type HiveClientTypes = ConstructorParameters<typeof HiveClient>
const generatedService = generated.TCLIService as HiveClientTypes[0]
const generatedTypes = generated.TCLIService_types as HiveClientTypes[1]

let server: Server | undefined
afterEach(async () => {
  const open = server
  server = undefined
  if (open !== undefined) {
    await new Promise<void>((resolve) => {
      open.close(() => {
        resolve()
      })
    })
  }
})

describe('hive-driver against tcliService over the binary transport', () => {
  it('opens a session, runs a statement, fetches every row, reads metadata and closes', async () => {
    const harness = await startService()
    server = thriftBinaryServer(harness.processor, { authenticate: thriftNoAuth() })
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo

    const client = new HiveClient(generatedService, generatedTypes)
    await client.connect(
      { host: '127.0.0.1', port },
      new connections.TcpConnection(),
      new auth.NoSaslAuthentication(),
    )
    try {
      const session = await client.openSession({
        client_protocol: TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10,
        username: 'dora',
      })
      expect(harness.engine.sessions.list({ user: 'dora' })).toHaveLength(1)
      const name = await session.getInfo(TGetInfoType.CLI_DBMS_NAME)
      expect(name.getValue()).toBe('batchgate')

      const utils = new HiveUtils(generatedTypes)
      const operation = await session.executeStatement('pairs 2500', { runAsync: true })
      await utils.waitUntilReady(operation, false)
      await utils.fetchAll(operation)
      const rows = utils.getResult(operation).getValue() as { id: unknown; name: unknown }[]
      expect(rows).toHaveLength(2500)
      expect(rows.slice(0, 3).map((row) => [Number(row.id), row.name])).toEqual([
        [0, 'name-0'],
        [1, 'name-1'],
        [2, null],
      ])
      expect(Number(rows[2499]?.id)).toBe(2499)
      await operation.close()

      const tables = await session.getTables({ schemaName: 'sales' })
      await utils.waitUntilReady(tables, false)
      await utils.fetchAll(tables)
      const tableRows = utils.getResult(tables).getValue() as { TABLE_NAME: string }[]
      expect(tableRows.map((row) => row.TABLE_NAME)).toEqual(['orders', 'order_totals'])
      await tables.close()

      await session.close()
      expect(harness.engine.sessions.list({ user: 'dora' })).toHaveLength(0)
    } finally {
      client.close()
    }
  })
})
