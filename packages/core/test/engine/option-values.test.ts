import { describe, expect, it } from 'vitest'
import { BatchgateError, ErrorCode, type CoreOptions } from '@batchgate/core'
import { resolveEngineConfig } from '@batchgate/core/di'

/** Options a host may build from untyped configuration (a file, the environment, a flag parser). */
const UNTYPED_OPTIONS: readonly [string, unknown][] = [
  ['a BigInt lookupBeforeInsert', { lookupBeforeInsert: 5n }],
  ['a Symbol lookupBeforeInsert', { lookupBeforeInsert: Symbol('adaptive') }],
  [
    'a cyclic lookupBeforeInsert',
    {
      lookupBeforeInsert: ((): object => {
        const value: Record<string, unknown> = {}
        value.self = value
        return value
      })(),
    },
  ],
  ['a Symbol limit', { limits: { maxArgs: Symbol('1000') } }],
  ['a Symbol page size', { pageSize: { max: Symbol('500') } }],
  ['a Symbol poll interval', { cancelPollIntervalMs: Symbol('2000') }],
  ['a Symbol retention age', { retention: { maxAgeMs: Symbol('1d') } }],
  ['an object limit', { limits: { maxArgs: Object.create(null) as unknown } }],
]

describe('resolveEngineConfig with untyped option values', () => {
  it.each(UNTYPED_OPTIONS)('refuses %s with INVALID_OPTIONS and a readable message', (_, options) => {
    let error: unknown
    try {
      resolveEngineConfig(options as CoreOptions)
    } catch (failure) {
      error = failure
    }
    expect(BatchgateError.is(error, ErrorCode.INVALID_OPTIONS), String(error)).toBe(true)
    expect((error as Error).message.length).toBeLessThan(200)
  })
})
