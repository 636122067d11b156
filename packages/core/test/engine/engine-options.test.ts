import { describe, expect, it } from 'vitest'
import type { CoreOptions } from '@batchgate/core'
import { coreModule } from '@batchgate/core/di'

// createEngine builds its container with coreModule(options) before it touches the store, so these
// are the checks every engine's options go through.
describe('engine options are checked', () => {
  it.each([
    [{ instanceId: '' }, 'instanceId'],
    [{ instanceId: ' gw-1' }, 'instanceId'],
    [{ limits: { maxArgs: 0 } }, 'limits.maxArgs'],
    [{ limits: { maxConfEntries: 1.5 } }, 'limits.maxConfEntries'],
    [{ lookupBeforeInsert: 'sometimes' }, "lookupBeforeInsert must be true, false or 'adaptive'"],
  ])('%j is INVALID_OPTIONS', (options, message) => {
    expect(() => coreModule(options as CoreOptions)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringContaining(message) }),
    )
  })

  it('accepts the defaults', () => {
    expect(() => coreModule()).not.toThrow()
  })
})
