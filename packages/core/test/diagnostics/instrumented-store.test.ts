import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ErrorCode } from '@batchgate/core'
import { CHANNEL_NAMES, type MetastoreCallMessage } from '@batchgate/core/diagnostics'
import { BatchgateError, isCoordinatedStore, type MetadataStore } from '@batchgate/core/store'
import { sqliteStore, type SqliteMetadataStore } from '@batchgate/store-sqlite'
import { DelegatingStore, sampleRecord } from '@batchgate/testkit'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { instrumentedStore } from '../../src/metastore/instrument-store.js'
import { ChannelRecorder } from './channel-recorder.js'

/** Remembers the promise of each call, to compare with what the wrapper returned. */
class RememberingStore extends DelegatingStore {
  lastPromise: Promise<unknown> | undefined
  override getBatch(id: string): ReturnType<MetadataStore['getBatch']> {
    const pending = super.getBatch(id)
    this.lastPromise = pending
    return pending
  }
}

describe('instrumentedStore', () => {
  let real: SqliteMetadataStore

  beforeEach(async () => {
    real = sqliteStore({ filename: join(mkdtempSync(join(tmpdir(), 'batchgate-instrumented-')), 'b.db') })
    await real.open()
  })
  afterEach(() => real.close())

  it('with no subscriber, hands back the inner store’s own promise', async () => {
    const inner = new RememberingStore(real)
    const store = instrumentedStore(inner, 'gw-1')
    const answer = store.getBatch('nothing-here')
    expect(answer).toBe(inner.lastPromise)
    expect(await answer).toBeUndefined()
  })

  it('with a subscriber, traces the call and still answers as the inner store does', async () => {
    const inner = new RememberingStore(real)
    const store = instrumentedStore(inner, 'gw-1')
    const calls = new ChannelRecorder<MetastoreCallMessage>(CHANNEL_NAMES.metastore)
    try {
      const record = sampleRecord()
      await store.insertBatch(record)
      const answer = store.getBatch(record.id)
      expect(answer).not.toBe(inner.lastPromise)
      expect(await answer).toMatchObject({ id: record.id })
      expect(calls.ended.map((c) => [c.operation, c.batchId, c.dbSystem])).toEqual([
        ['insertBatch', record.id, 'sqlite'],
        ['getBatch', record.id, 'sqlite'],
      ])
    } finally {
      calls.stop()
    }
  })

  it('is a coordinated store exactly when the inner one is, and forwards dbSystem', () => {
    expect(isCoordinatedStore(instrumentedStore(real, 'gw-1'))).toBe(true)
    const plain = instrumentedStore(new DelegatingStore(real), 'gw-1')
    expect(isCoordinatedStore(plain)).toBe(false)
    expect(plain.dbSystem).toBe('sqlite')
  })

  it('reports a failure that is not a BatchgateError as UNKNOWN, and one thrown synchronously too', async () => {
    class Broken extends DelegatingStore {
      override getBatch(): never {
        throw new BatchgateError(ErrorCode.CLOSED, 'closed, synchronously')
      }
      override listBatches(): Promise<never> {
        return Promise.reject(new TypeError('a bug in the store'))
      }
    }
    const store = instrumentedStore(new Broken(real), 'gw-1')
    const calls = new ChannelRecorder<MetastoreCallMessage>(CHANNEL_NAMES.metastore)
    try {
      // Synchronously, as the inner store throws it.
      expect(() => store.getBatch('x')).toThrow(expect.objectContaining({ code: ErrorCode.CLOSED }))
      await expect(store.listBatches({ limit: 1 })).rejects.toBeInstanceOf(TypeError)
      expect(calls.failed.map((c) => [c.operation, c.errorCode])).toEqual([
        ['getBatch', ErrorCode.CLOSED],
        ['listBatches', 'UNKNOWN'],
      ])
    } finally {
      calls.stop()
    }
  })
})
