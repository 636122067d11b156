// One child process of the high-availability benchmarks (see ha-worker-job.ts): an engine on the target
// database, or the raw claim baseline. Talks to the parent in JSON lines on stdout, commands on stdin.
import { randomUUID } from 'node:crypto'
import { createInterface } from 'node:readline'
import { createEngine, type BatchLauncher, type Engine, type LaunchContext } from '@batchgate/core'
import { BENCH_CONTEXT, benchRequest } from '../submit/bench-request.js'
import { HA_JOB_ENV, type HaWorkerJob, type HaWorkerMessage } from './ha-worker-job.js'
import { drainQueueRaw } from './raw-claimer.js'
import { openRawSql } from './raw-sql.js'
import { openTargetStore } from './store-target.js'

function tell(message: HaWorkerMessage): void {
  process.stdout.write(`${JSON.stringify(message)}\n`)
}

const job = JSON.parse(process.env[HA_JOB_ENV] ?? '') as HaWorkerJob
const launched: string[] = []
const recovered: string[] = []
/** The held launches, each resolved by `finish`. */
const held = new Set<() => void>()

function run(how: 'launch' | 'recover', id: string, { signal }: LaunchContext): Promise<void> {
  ;(how === 'launch' ? launched : recovered).push(id)
  if (job.launcher === 'instant') return Promise.resolve()
  tell({ type: 'started', id, how, at: Date.now() })
  return new Promise((resolve, reject) => {
    const done = (): void => {
      held.delete(done)
      resolve()
    }
    held.add(done)
    signal.addEventListener('abort', () => {
      held.delete(done)
      reject(new Error('aborted'))
    })
  })
}

const launcher: BatchLauncher = {
  launch: (batch, context) => run('launch', batch.id, context),
  recover: (batch, context) => run('recover', batch.id, context),
}

async function startEngine(): Promise<Engine> {
  return createEngine({
    store: openTargetStore(job.target),
    instanceId: job.instanceId,
    launchers: { SPARK: launcher },
    maxRunningBatches: job.maxRunningBatches,
    ...(job.lease === undefined ? {} : { lease: job.lease }),
    ...(job.queue === undefined ? {} : { queue: job.queue }),
    onBackgroundError: (error) => {
      process.stderr.write(`[${job.instanceId}] ${error instanceof Error ? error.stack : String(error)}\n`)
    },
  })
}

async function main(): Promise<void> {
  const engine = job.role === 'engine' ? await startEngine() : undefined
  tell({ type: 'ready', at: Date.now() })
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, argument] = line.trim().split(' ')
    if (command === 'go' && job.role === 'raw') {
      const sql = openRawSql(job.target)
      const ids = await drainQueueRaw(sql, job.target.kind, {
        owner: { instanceId: job.instanceId, token: randomUUID() },
        slots: job.maxRunningBatches ?? 50,
        stateToken: job.target.kind !== 'sqlite',
        peers: (job.peers ?? 1) - 1,
        unlaunchedGraceMs: job.queue?.unlaunchedGraceMs ?? 30_000,
      })
      await sql.close()
      tell({ type: 'done', launched: ids, recovered: [] })
      return
    }
    if (command === 'submit' && engine !== undefined) {
      const ids = Array.from({ length: Number(argument) }, () => randomUUID())
      await Promise.all(ids.map((id) => engine.batches.submit(benchRequest(id), BENCH_CONTEXT)))
      tell({ type: 'submitted', ids })
    } else if (command === 'finish') {
      for (const done of [...held]) done()
    } else if (command === 'stop') {
      await engine?.close()
      tell({ type: 'done', launched, recovered })
      return
    }
  }
}

await main()
// Done: stdin would keep the process alive.
process.stdin.destroy()
