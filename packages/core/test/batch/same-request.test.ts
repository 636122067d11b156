import { describe, expect, it } from 'vitest'
import { KYUUBI_BATCH_ID_KEY } from '@batchgate/core'
import { isSameRequest } from '../../src/batch/same-request.js'
import { requestFingerprint, type FingerprintedFields } from '@batchgate/core/store'

const base: FingerprintedFields = {
  batchType: 'SPARK',
  resource: 'a.jar',
  className: null,
  name: null,
  conf: { a: '1', b: '2', [KYUUBI_BATCH_ID_KEY]: '6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69' },
  args: ['x'],
}

/** Small changes of a request, each alone and in pairs: the cases where a comparison could slip. */
const changes: readonly Partial<FingerprintedFields>[] = [
  {},
  { batchType: 'FLINK' },
  { resource: 'b.jar' },
  { className: 'Main' },
  { className: '' },
  { name: 'n' },
  { conf: { b: '2', a: '1' } },
  { conf: { a: '1', b: '2', [KYUUBI_BATCH_ID_KEY]: 'ffffffff-ffff-ffff-ffff-ffffffffffff' } },
  { conf: { a: '1', b: '3' } },
  { conf: { a: '1', c: '2' } },
  { conf: { a: '1' } },
  { conf: { a: '1', b: '2', c: '' } },
  { conf: {} },
  { conf: { ['__proto__']: '1' } },
  { args: [] },
  { args: ['x', 'y'] },
  { args: ['y', 'x'] },
  { args: ['x,y'] },
  { args: [''] },
]

const requests = changes.flatMap((first) =>
  changes.map((second): FingerprintedFields => ({ ...base, ...first, ...second })),
)

describe('isSameRequest', () => {
  it('agrees with fingerprint equality on every pair of variants', () => {
    let same = 0
    for (const a of requests) {
      for (const b of requests) {
        const expected = requestFingerprint(a) === requestFingerprint(b)
        if (isSameRequest(a, b) !== expected) {
          throw new Error(`isSameRequest says ${!expected} for ${JSON.stringify(a)} and ${JSON.stringify(b)}`)
        }
        if (expected) same++
      }
    }
    // Both outcomes are exercised, many times each.
    expect(same).toBeGreaterThan(requests.length)
    expect(same).toBeLessThan(requests.length ** 2 / 2)
  })
})
