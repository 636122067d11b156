import { isDuplicateKeyError, type BatchRecord } from '@batchgate/core/store'
import { expect } from 'vitest'
import { sampleRecord } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { describeError, rawRowsOf, withStore } from './store-helpers.js'

type Case = ConformanceCase<StoreFixture>

/**
 * Records that a schema may refuse for a reason other than the unique key. TypeScript callers cannot
 * build them, but a JavaScript caller, a corrupted record or a state a newer release added can: the
 * batch table's CHECK on `state` and its NOT NULL columns are the database's last line, and the error
 * they raise is an integrity-constraint error of the same family (SQLSTATE class 23, `SQLITE_CONSTRAINT_*`)
 * as the duplicate key. A store that classifies by the family instead of the unique-key code would call
 * them duplicates, and core would then answer a submission with a batch that does not exist.
 */
const outsideTheSchema: readonly [string, () => BatchRecord][] = [
  ['a state outside the schema (CHECK)', () => sampleRecord({ state: 'EXPLODED' as BatchRecord['state'] })],
  [
    'a missing fingerprint (NOT NULL)',
    () => sampleRecord({ fingerprint: null as unknown as BatchRecord['fingerprint'] }),
  ],
]

export const constraintCases: readonly Case[] = outsideTheSchema.map(([what, makeRecord]): Case => ({
  group: 'constraints',
  name: `an insert refused for ${what} is not a DuplicateKeyError, and leaves the id free`,
  run: async (fixture) => {
    const record = makeRecord()
    await withStore(fixture, async (store) => {
      const refusal = await store.insertBatch(record).then(
        () => undefined,
        (e: unknown) => e,
      )
      if (refusal === undefined) {
        // A store whose schema does not check this may keep the row: then there is nothing to classify.
        await fixture.rawDeleteBatch?.(record.id)
        return
      }
      expect(
        isDuplicateKeyError(refusal),
        `no row holds ${record.id}, yet the store called the refused insert a duplicate: ${describeError(refusal)}`,
      ).toBe(false)
      expect(await rawRowsOf(fixture, record.id), 'a refused insert must store nothing').toEqual([])
      // The id was never taken: a valid record with it is stored, and is not a duplicate either.
      const valid = sampleRecord({ id: record.id })
      await store.insertBatch(valid)
      expect(await store.getBatch(record.id)).toEqual(valid)
    })
  },
}))
