import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BatchState, createEngine, type Engine } from '@batchgate/core'
import type { BatchQuery, ListedBatch, MetadataStore } from '@batchgate/core/store'
import { DelegatingStore, sampleRecord } from '@batchgate/testkit'
import { sqliteFixture, type SqliteFixture } from '@batchgate/store-sqlite/testing'

/** A real store whose listing ignores `after`: the keyset contract a faulty store breaks. */
class IgnoresAfter extends DelegatingStore {
  override listBatches(query: BatchQuery): Promise<ListedBatch[]> {
    const { after: _ignored, ...rest } = query
    return super.listBatches(rest)
  }
}

/** `count` batches of alice's, the newest first in time, written through a real store. */
async function storeBatches(store: MetadataStore, count: number, newestTime: number): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const record = sampleRecord({ createTime: newestTime - i, state: BatchState.FINISHED, endTime: 1 })
    await store.insertBatch(record)
    ids.push(record.id)
  }
  return ids
}

describe('list reads past unreadable rows, within bounds', () => {
  let fixture: SqliteFixture
  let engine: Engine | undefined
  const reported: unknown[] = []
  beforeEach(() => {
    fixture = sqliteFixture()
    reported.length = 0
  })
  afterEach(async () => {
    await engine?.close()
    engine = undefined
    await fixture.dispose()
  })

  it('refuses a store that lists rows out of keyset order instead of reading it forever', async () => {
    engine = await createEngine({
      store: new IgnoresAfter(fixture.newStore()),
      onBackgroundError: (error) => reported.push(error),
      retention: false,
    })
    const writer = fixture.newStore()
    const [, corrupt] = await storeBatches(writer, 3, 10_000)
    await writer.close()
    await fixture.rawCorruptBatch(corrupt ?? '', 'state', 'LOST')
    await expect(engine.batches.list({ pageSize: 2 }, { user: 'alice' })).rejects.toMatchObject({
      code: 'METASTORE_UNAVAILABLE',
      message: expect.stringContaining('out of order'),
    })
  }, 10_000)

  it('ends a page early after 1000 unreadable rows, with a next token that goes on past them', async () => {
    const writer = fixture.newStore()
    await writer.open()
    const corrupt = await storeBatches(writer, 1005, 100_000)
    const readable = await storeBatches(writer, 2, 50_000)
    await writer.close()
    for (const id of corrupt) await fixture.rawCorruptBatch(id, 'conf', '{not json')
    engine = await createEngine({
      store: fixture.newStore(),
      onBackgroundError: (error) => reported.push(error),
      retention: false,
    })
    const first = await engine.batches.list({ pageSize: 10 }, { user: 'alice' })
    expect(first.batches).toEqual([])
    expect(first.next).toBeDefined()
    expect(reported).toHaveLength(1000)
    const second = await engine.batches.list({ pageSize: 10, next: first.next }, { user: 'alice' })
    expect(second.batches.map((batch) => batch.id)).toEqual(readable)
    expect(second.next).toBeUndefined()
    expect(reported).toHaveLength(1005)
    expect(reported[0]).toMatchObject({ code: 'CORRUPT_BATCH_RECORD' })
  })
})
