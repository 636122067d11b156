import { describe, expect, it } from 'vitest'
import { createEngine, KYUUBI_BATCH_ID_KEY, type Batch } from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'
import { tempDatabasePath } from './helpers/temp-database.js'

// The workspace compiles with exactOptionalPropertyTypes, as strict hosts do: this file only type-checks
// (pnpm typecheck covers test files) when the public filter and option types accept `undefined` for
// their optional fields, which is what a caller naturally passes on (`page.next`, an unset env var).
describe('optional fields of public filters and options accept undefined', () => {
  it("runs the README's paging loop (`next: page.next`) over every batch, newest first", async () => {
    const engine = await createEngine({
      // A host's optional settings, passed on as they are: each undefined one keeps its default.
      store: sqliteStore({
        filename: tempDatabasePath(),
        busyTimeoutMs: undefined,
        busyRetryMs: undefined,
        synchronous: undefined,
      }),
      instanceId: process.env.BATCHGATE_TEST_UNSET_INSTANCE_ID, // string | undefined: the default id
      admins: undefined,
      retention: undefined,
      pageSize: { default: undefined, max: undefined },
    })
    try {
      const submitted: string[] = []
      for (let i = 0; i < 5; i++) {
        const batch = await engine.batches.submit(
          {
            batchType: 'SPARK',
            resource: 'hdfs:///jobs/app.jar',
            name: `job-${i}`,
            conf: { [KYUUBI_BATCH_ID_KEY]: crypto.randomUUID() },
            args: [],
          },
          { user: 'alice' },
        )
        submitted.push(batch.id)
      }

      // The README's paging: the previous page's `next` (undefined on the last page) is passed on as it is.
      const first = await engine.batches.list({ pageSize: 2 }, { user: 'alice' })
      const second = await engine.batches.list({ pageSize: 2, next: first.next }, { user: 'alice' })
      const listed: Batch[] = [...first.batches, ...second.batches]
      let next: string | undefined = second.next
      do {
        const page = await engine.batches.list({ pageSize: 2, next }, { user: 'alice' })
        listed.push(...page.batches)
        next = page.next
      } while (next !== undefined)
      // A filter built from optional inputs passes `undefined` for the fields it does not use.
      const unfiltered = await engine.batches.list(
        {
          owner: undefined,
          batchType: undefined,
          state: undefined,
          createdFrom: undefined,
          createdBefore: undefined,
          pageSize: undefined,
          next: undefined,
        },
        { user: 'alice' },
      )

      expect(listed.map((batch) => batch.id).sort()).toEqual([...submitted].sort())
      expect(unfiltered.batches).toHaveLength(5)
      expect(unfiltered.next).toBeUndefined()
    } finally {
      await engine.close()
    }
  })
})
