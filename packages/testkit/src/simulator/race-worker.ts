// One OS process of a child-process race: opens its engines on the reopened fixture, says "ready", waits for
// "go" on stdin (the barrier across processes), races, and prints its outcomes as one JSON line.
import { createInterface } from 'node:readline'
import { createBarrier } from '../harness/latch.js'
import { raceInstances } from './race-instances.js'
import {
  RACE_JOB_ENV,
  WORKER_GO,
  WORKER_PROGRESS,
  WORKER_PROGRESS_INTERVAL_MS,
  WORKER_READY,
  type RaceWorkerJob,
} from './race-worker-job.js'
import { openStoreFixture } from '../fixture/load-store-fixture.js'

const job = JSON.parse(process.env[RACE_JOB_ENV] ?? '{}') as RaceWorkerJob
// It holds the store spec (maybe a password): nothing this process starts needs to inherit it.
Reflect.deleteProperty(process.env, RACE_JOB_ENV)
const fixture = await openStoreFixture(job.fixture.module, job.fixture.spec, job.fixtureOptions ?? {})
const go = new Promise<void>((resolve) => {
  const lines = createInterface({ input: process.stdin })
  lines.once('line', (line) => {
    lines.close()
    if (line === WORKER_GO) resolve()
  })
})
const openBarrier = createBarrier(job.instanceIds.length)
let announced = false
let answered = 0
let reportedAt = 0
// The parent shows live progress from these lines. Throttled on each answer, not by a timer: a store
// whose driver is synchronous (better-sqlite3) keeps the microtask queue busy, so timers would only
// fire once the race is over.
const onAnswer = (): void => {
  answered += 1
  const now = performance.now()
  if (now - reportedAt < WORKER_PROGRESS_INTERVAL_MS) return
  reportedAt = now
  process.stdout.write(`${WORKER_PROGRESS} ${answered}\n`)
}
try {
  const outcomes = await raceInstances(
    job.instanceIds.map((instanceId) => ({ instanceId, store: fixture.newStore() })),
    {
      ids: job.ids,
      submitsPerId: job.submitsPerId,
      lookupBeforeInsert: job.lookupBeforeInsert,
      start: async () => {
        await openBarrier()
        if (!announced) {
          announced = true
          process.stdout.write(`${WORKER_READY}\n`)
        }
        await go
      },
      onAnswer,
    },
  )
  process.stdout.write(`${JSON.stringify(outcomes)}\n`)
} finally {
  await fixture.dispose()
}
