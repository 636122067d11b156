// One engine of a failover test in its own OS process (started with child_process.fork): it takes its
// job as the first IPC message, opens the store with the job's fixture module, starts an engine with a
// work launcher, says "ready", then answers calls (submit, hold/release claims, close). It is meant to
// be killed (SIGKILL) or stopped (SIGSTOP/SIGCONT) by the test, like a host that dies or stalls.
import { createEngine, type Engine } from '@batchgate/core'
import { openStoreFixture } from '../fixture/load-store-fixture.js'
import type { StoreFixture } from '../fixture/store-fixture.js'
import { claimGate, type ClaimGate } from './held-claims.js'
import {
  toWireError,
  type FailoverCall,
  type FailoverWorkerJob,
  type FromWorker,
  type ToWorker,
} from './failover-protocol.js'
import { workLauncher } from './work-launcher.js'

const send = (message: FromWorker): void => {
  // The parent may be gone (its test ended): nothing to tell then.
  if (process.connected) process.send?.(message)
}

let engine: Engine | undefined
let gate: ClaimGate | undefined
let fixture: StoreFixture | undefined

async function start(job: FailoverWorkerJob): Promise<void> {
  fixture = await openStoreFixture(job.fixture.module, job.fixture.spec, job.fixtureOptions ?? {})
  gate = claimGate(fixture.newStore())
  const skew = job.clockSkewMs ?? 0
  engine = await createEngine({
    store: gate.store,
    instanceId: job.instanceId,
    lease: job.lease,
    maxRunningBatches: job.maxRunningBatches,
    queue: job.queue,
    clock: { now: () => Date.now() + skew },
    launchers: {
      [job.batchType]: workLauncher({
        logPath: job.logPath,
        instanceId: job.instanceId,
        workMs: job.workMs,
        onEvent: (event) => {
          send({ kind: 'event', event, at: Date.now() })
        },
      }),
    },
    onBackgroundError: (error) => {
      send({ kind: 'background-error', error: toWireError(error) })
    },
  })
  send({ kind: 'ready', instanceId: job.instanceId })
}

async function answer(call: FailoverCall): Promise<unknown> {
  if (engine === undefined || gate === undefined) throw new Error('the engine has not started')
  switch (call.op) {
    case 'submit':
      return engine.batches.submit(call.request, { user: call.user })
    case 'hold-claims':
      gate.hold()
      return undefined
    case 'release-claims':
      gate.release()
      return undefined
    case 'close':
      await engine.close()
      await fixture?.dispose()
      setImmediate(() => process.exit(0))
      return undefined
  }
}

process.on('message', (message: ToWorker) => {
  if (message.kind === 'job') {
    start(message.job).catch((error: unknown) => {
      // Exits once the message is out: the parent reports the job's failure, not just an exit code.
      process.send?.({ kind: 'failed', error: toWireError(error) } satisfies FromWorker, () =>
        process.exit(1),
      )
    })
    return
  }
  answer(message.call).then(
    (value) => {
      send({ kind: 'reply', id: message.id, ok: true, value: value ?? null })
    },
    (error: unknown) => {
      send({ kind: 'reply', id: message.id, ok: false, error: toWireError(error) })
    },
  )
})
// The parent went away (its test ended or crashed): an orphaned engine must not keep running.
process.on('disconnect', () => process.exit(0))
