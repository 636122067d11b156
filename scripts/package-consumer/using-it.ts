// The README's "Using it" example as a real program, run by scripts/check-packages.mjs in a scratch npm
// project that installed the packed tarballs. Only the launcher is trivial; nothing imports
// reflect-metadata, because a createEngine host needs nothing besides the two packages.
import { createEngine, isDuplicatedSubmission, KYUUBI_BATCH_ID_KEY, type BatchRequest } from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'

const launched: string[] = []

const engine = await createEngine({
  store: sqliteStore({ filename: './batchgate.db' }),
  instanceId: 'gateway-1:10099',
  launchers: {
    SPARK: {
      launch: (batch) => {
        launched.push(batch.id)
        return Promise.resolve()
      },
    },
  },
})

const request: BatchRequest = {
  batchType: 'SPARK',
  resource: 'hdfs:///jobs/app.jar',
  className: 'org.example.Main',
  name: 'daily-report',
  conf: { [KYUUBI_BATCH_ID_KEY]: '6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69' },
  args: ['--day', '2026-11-20'],
}
try {
  const first = await engine.batches.submit(request, { user: 'alice' })
  const again = await engine.batches.submit(request, { user: 'alice' })
  const stored = await engine.batches.get(first.id, { user: 'alice' })

  // The README's paging, with each page's `next` passed on as it is (undefined on the last page).
  const listed: string[] = []
  let next: string | undefined
  do {
    const page = await engine.batches.list(
      { state: ['PENDING', 'RUNNING', 'FINISHED'], pageSize: 20, next },
      { user: 'alice' },
    )
    listed.push(...page.batches.map((batch) => batch.id))
    next = page.next
  } while (next !== undefined)

  check(!isDuplicatedSubmission(first), 'the first submission creates the batch')
  check(isDuplicatedSubmission(again), 'the second submission of the id is answered as a duplicate')
  check(again.id === first.id && stored?.id === first.id, 'every answer is the stored batch')
  check(launched.length === 1 && launched[0] === first.id, `launched once, got ${JSON.stringify(launched)}`)
  check(listed.length === 1 && listed[0] === first.id, `one batch listed, got ${JSON.stringify(listed)}`)
} finally {
  await engine.close()
}
console.log('using-it: created once, launched once, the duplicate detected')

function check(holds: boolean, what: string): void {
  if (!holds) throw new Error(`using-it: expected that ${what}`)
}
