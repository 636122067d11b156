import { describe, expect, it } from 'vitest'
import { KYUUBI_BATCH_ID_KEY } from '@batchgate/core'
import { requestFingerprint, type FingerprintedFields } from '@batchgate/core/store'

const base: FingerprintedFields = {
  batchType: 'SPARK',
  resource: 'a.jar',
  className: null,
  name: null,
  conf: { a: '1', b: '2' },
  args: ['x'],
}

describe('requestFingerprint', () => {
  it('ignores conf order and the id key', () => {
    expect(requestFingerprint({ ...base, conf: { b: '2', a: '1', [KYUUBI_BATCH_ID_KEY]: 'anything' } })).toBe(
      requestFingerprint(base),
    )
  })

  it.each<[string, Partial<FingerprintedFields>]>([
    ['batchType', { batchType: 'FLINK' }],
    ['resource', { resource: 'b.jar' }],
    ['className', { className: 'Main' }],
    ['name', { name: 'n' }],
    ['a conf value', { conf: { a: '1', b: '3' } }],
    ['a conf key', { conf: { a: '1', c: '2' } }],
    ['args order', { args: ['x', 'y'] }],
    ['an empty vs absent className', { className: '' }],
  ])('changes when %s changes', (_what, change) => {
    expect(requestFingerprint({ ...base, ...change })).not.toBe(requestFingerprint(base))
  })

  it('cannot be fooled by moving text between fields', () => {
    expect(requestFingerprint({ ...base, args: ['a', 'b'] })).not.toBe(
      requestFingerprint({ ...base, args: ['a,b'] }),
    )
    expect(requestFingerprint({ ...base, batchType: 'SP', resource: 'ARKa.jar' })).not.toBe(
      requestFingerprint(base),
    )
  })
})
