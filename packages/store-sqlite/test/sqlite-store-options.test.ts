import { describe, expect, it } from 'vitest'
import { sqliteStore } from '@batchgate/store-sqlite'

describe('sqliteStore options are checked', () => {
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
