import { describe, expect, it } from 'vitest'
import { createEngine, type EngineOptions } from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'
import { tempDatabasePath } from './helpers/temp-database.js'

describe('engine and store options are checked', () => {
  it.each([
    [{ instanceId: '' }, 'instanceId'],
    [{ limits: { maxArgs: 0 } }, 'limits.maxArgs'],
    [{ limits: { maxConfEntries: 1.5 } }, 'limits.maxConfEntries'],
    [{ lookupBeforeInsert: 'sometimes' }, "lookupBeforeInsert must be true, false or 'adaptive'"],
  ])('%j is INVALID_OPTIONS', async (options, message) => {
    await expect(
      createEngine({
        store: sqliteStore({ filename: tempDatabasePath() }),
        ...(options as Omit<EngineOptions, 'store'>),
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
      message: expect.stringContaining(message),
    })
  })

  it.each([
    [{ filename: '' }, 'filename'],
    [{ filename: 'x.db', busyTimeoutMs: -1 }, 'busyTimeoutMs'],
    [{ filename: 'x.db', busyRetryMs: 0.5 }, 'busyRetryMs'],
    [{ filename: 'x.db', synchronous: 'OFF' }, 'synchronous'],
  ])('sqliteStore(%j) is INVALID_OPTIONS', (options, message) => {
    expect(() => sqliteStore(options as Parameters<typeof sqliteStore>[0])).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringContaining(message) }),
    )
  })
})
