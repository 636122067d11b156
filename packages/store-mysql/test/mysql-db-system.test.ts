import { tracingChannel, type TracingChannelSubscribers } from 'node:diagnostics_channel'
import { createEngine } from '@batchgate/core'
import { CHANNEL_NAMES, type MetastoreCallMessage } from '@batchgate/core/diagnostics'
import { mysqlStore } from '@batchgate/store-mysql'
import { sampleRequest } from '@batchgate/testkit'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dbSystemOfVersion } from '../src/mysql-db-system.js'
import { describeWithMysql } from './helpers/mysql-server.js'
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js'

describe('dbSystemOfVersion', () => {
  it.each([
    ['11.4.2-MariaDB-ubu2404', 'mariadb'],
    ['10.11.6-MariaDB-0+deb12u1-log', 'mariadb'],
    ['5.5.5-10.6.12-mariadb', 'mariadb'],
    ['8.4.0', 'mysql'],
    ['8.0.36-commercial', 'mysql'],
  ])('%s is %s', (version, system) => {
    expect(dbSystemOfVersion(version)).toBe(system)
  })
})

describeWithMysql('the MySQL store on MariaDB names its dbSystem', () => {
  let database: TestDatabase
  beforeEach(async () => {
    database = await createTestDatabase()
  })
  afterEach(async () => {
    await database.drop()
  })

  it("is 'mysql' before it connects and 'mariadb' once connected, on the metastore channel too", async () => {
    const store = mysqlStore({ uri: database.uri })
    expect(store.dbSystem).toBe('mysql')
    const engine = await createEngine({ instanceId: 'gw-mariadb', store })
    const channel = tracingChannel<unknown, MetastoreCallMessage>(CHANNEL_NAMES.metastore)
    const systems: (string | undefined)[] = []
    const subscribers: TracingChannelSubscribers<MetastoreCallMessage> = {
      start: () => undefined,
      end: () => undefined,
      asyncStart: () => undefined,
      asyncEnd: (message) => {
        if (message.operation === 'insertBatch') systems.push(message.dbSystem)
      },
      error: () => undefined,
    }
    channel.subscribe(subscribers)
    try {
      expect(store.dbSystem).toBe('mariadb')
      await engine.batches.submit(sampleRequest(), { user: 'alice' })
      expect(systems).toEqual(['mariadb'])
    } finally {
      channel.unsubscribe(subscribers)
      await engine.close()
    }
  })
})
