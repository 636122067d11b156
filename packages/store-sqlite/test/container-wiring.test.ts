import { Container } from 'inversify'
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { BATCH_SERVICE, CLOCK, coreModule, ID_SOURCE, METADATA_STORE, openEngine } from '@batchgate/core/di'
import { sqliteStoreModule, SqliteMetadataStore } from '@batchgate/store-sqlite'
import { sampleRequest } from '@batchgate/testkit'
import { readRawSqliteBatches } from '@batchgate/store-sqlite/testing'
import { tempDatabasePath } from './helpers/temp-database.js'

describe('a host with its own inversify container', () => {
  it('loads core and store modules, rebinds its own clock and id source, and gets a working engine', async () => {
    const filename = tempDatabasePath()
    const container = new Container()
    container.load(coreModule({ instanceId: 'host-container' }), sqliteStoreModule({ filename }))
    container.rebind(CLOCK).toConstantValue({ now: () => 42 })
    const fixedId = randomUUID()
    container.rebind(ID_SOURCE).toConstantValue({ newId: () => fixedId })

    const engine = await openEngine(container)
    expect(container.get(METADATA_STORE)).toBeInstanceOf(SqliteMetadataStore)
    expect(container.get(BATCH_SERVICE)).toBe(engine.batches)

    const batch = await engine.batches.submit(sampleRequest(undefined, { conf: {} }), { user: 'alice' })
    expect(batch).toMatchObject({ id: fixedId, createTime: 42, createdBy: 'host-container' })
    expect(readRawSqliteBatches(filename)).toMatchObject([{ id: fixedId, createTime: 42 }])
    await engine.close()
  })
})
