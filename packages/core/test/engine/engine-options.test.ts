import { describe, expect, it } from 'vitest'
import type { CoreOptions } from '@batchgate/core'
import { coreModule, resolveEngineConfig } from '@batchgate/core/di'

// createEngine builds its container with coreModule(options) before it touches the store, so these
// are the checks every engine's options go through.
describe('engine options are checked', () => {
  it.each([
    [{ instanceId: '' }, 'instanceId'],
    [{ instanceId: ' gw-1' }, 'instanceId'],
    [{ limits: { maxArgs: 0 } }, 'limits.maxArgs'],
    [{ limits: { maxConfEntries: 1.5 } }, 'limits.maxConfEntries'],
    [{ lookupBeforeInsert: 'sometimes' }, "lookupBeforeInsert must be true, false or 'adaptive'"],
    [{ batchLogs: true }, 'batchLogs must be false or an object'],
    [{ batchLogs: { directory: '' } }, 'batchLogs.directory'],
    [{ batchLogs: { maxLines: 0 } }, 'batchLogs.maxLines'],
    [{ batchLogs: { maxLineBytes: 15 } }, 'batchLogs.maxLineBytes must be an integer of at least 16'],
    [{ batchLogs: { maxBatches: 1.5 } }, 'batchLogs.maxBatches'],
    [{ batchLogs: { shared: true } }, 'batchLogs.shared needs batchLogs.directory'],
    [{ batchLogs: { directory: '/d', shared: 'yes' } }, 'batchLogs.shared must be a boolean'],
  ])('%j is INVALID_OPTIONS', (options, message) => {
    expect(() => coreModule(options as CoreOptions)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringContaining(message) }),
    )
  })

  it('accepts the defaults', () => {
    expect(() => coreModule()).not.toThrow()
  })

  it('keeps batch logs in memory by default, in files with a directory, and none with false', () => {
    expect(resolveEngineConfig({}).batchLogs).toEqual({
      directory: undefined,
      shared: false,
      maxLines: 1000,
      maxLineBytes: 4096,
      maxBatches: 100,
    })
    expect(
      resolveEngineConfig({ batchLogs: { directory: '/var/log/bg', maxLineBytes: 16 } }).batchLogs,
    ).toEqual({
      directory: '/var/log/bg',
      shared: false,
      maxLines: 10_000,
      maxLineBytes: 16,
      maxBatches: 100,
    })
    expect(resolveEngineConfig({ batchLogs: false }).batchLogs).toBeUndefined()
    // Every field given as undefined keeps its default.
    const undefinedFields = {
      directory: undefined,
      shared: undefined,
      maxLines: undefined,
      maxLineBytes: undefined,
      maxBatches: undefined,
    }
    expect(resolveEngineConfig({ batchLogs: undefinedFields }).batchLogs).toEqual(
      resolveEngineConfig({ batchLogs: undefined }).batchLogs,
    )
  })
})
