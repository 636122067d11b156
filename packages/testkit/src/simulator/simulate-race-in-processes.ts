/// <reference types="node" preserve="true" />
// (Kept in the emitted .d.ts: its declarations use Node's global types, for consumers with "types": [].)
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { InstanceOutcome } from './race-outcome.js'
import { resolveRace, type RaceOptions } from './race-options.js'
import type { RaceReport } from './race-report.js'
import { judgeRace } from './race-verdict.js'
import {
  RACE_JOB_ENV,
  WORKER_GO,
  WORKER_PROGRESS,
  WORKER_READY,
  type RaceWorkerJob,
} from './race-worker-job.js'
import type { StoreFixture, StoreFixtureOptions } from '../fixture/store-fixture.js'

/**
 * The compiled worker beside this module. When this module itself runs from its TypeScript sources
 * (this workspace's own tests), children still need compiled JavaScript: the built copy in dist/.
 */
const WORKER = fileURLToPath(
  new URL(
    import.meta.url.endsWith('.ts') ? '../../dist/simulator/race-worker.js' : './race-worker.js',
    import.meta.url,
  ),
)

/** Where the child processes race: a fixture that says how other processes reopen it. */
export interface ProcessRaceOptions extends RaceOptions {
  /**
   * The database to race on. Its `reopen` (module and spec) is what each child opens; this process
   * checks it is reachable first and judges its raw read-back. It stays open: its owner disposes of it.
   */
  readonly fixture: StoreFixture
  /** Passed to `createStoreFixture` in every child (e.g. `{ connectTimeoutMs: 5000 }`). */
  readonly fixtureOptions?: StoreFixtureOptions
  /** OS processes; the instances are spread over them round-robin (default: one per instance). */
  readonly processes?: number
  /** Longest a worker may take in all before the race fails (default 120 000 ms). */
  readonly timeoutMs?: number
}

/**
 * The multi-instance race across OS processes: each child reopens the fixture and opens its engines on
 * it, all wait at a barrier, then race; the parent judges answers, launches and the fixture's raw
 * read-back. Runs the compiled worker next to this file, so it works from the built package.
 *
 * @example
 * ```ts
 * const fixture = await sqliteFixture() // reopen: { module: '@batchgate/store-sqlite/testing', spec: 'sqlite:…' }
 * const report = await simulateRaceInProcesses({ fixture, processes: 8, instances: 8 })
 * await fixture.dispose()
 * ```
 */
export async function simulateRaceInProcesses(options: ProcessRaceOptions): Promise<RaceReport> {
  const { fixture } = options
  const reopen = fixture.reopen
  if (reopen === undefined) {
    throw new TypeError(
      `a race across processes needs a fixture with reopen: { module, spec }${
        fixture.description === undefined ? '' : ` (${fixture.description} has none)`
      }`,
    )
  }
  const race = resolveRace(options)
  const processes = Math.min(options.processes ?? race.instances, race.instances)
  const instanceIds = Array.from({ length: processes }, (_, p) =>
    Array.from({ length: race.instances }, (_, i) => i)
      .filter((i) => i % processes === p)
      .map((i) => `sim-p${p}-${i}`),
  )
  // Answers so far per worker, from their progress lines and, at the end, their outcomes.
  const answered = instanceIds.map(() => 0)
  let reported = 0
  const tell = (worker: number, done: number): void => {
    answered[worker] = Math.max(answered[worker] ?? 0, done)
    const sum = answered.reduce((total, count) => total + count, 0)
    if (sum <= reported) return
    reported = sum
    options.onProgress?.({ done: sum, total: race.submissions })
  }
  // Before any worker starts: an unreachable database fails here at once, with the driver's reason.
  await fixture.checkReachable?.()
  const workers = instanceIds.map((ids, index) =>
    startWorker(
      {
        fixture: reopen,
        fixtureOptions: options.fixtureOptions,
        instanceIds: ids,
        ids: race.ids,
        submitsPerId: race.submitsPerId,
        lookupBeforeInsert: race.lookupBeforeInsert,
      },
      options.timeoutMs ?? 120_000,
      (done) => {
        tell(index, done)
      },
    ),
  )
  try {
    await Promise.all(workers.map((worker) => worker.ready))
  } catch (error) {
    for (const worker of workers) worker.child.kill()
    throw error
  }
  const started = performance.now()
  for (const worker of workers) worker.child.stdin.end(`${WORKER_GO}\n`)
  let outcomes: InstanceOutcome[][]
  try {
    outcomes = await Promise.all(
      workers.map(async (worker, index) => {
        const result = await worker.result
        tell(
          index,
          result.reduce((total, outcome) => total + outcome.answers.length, 0),
        )
        return result
      }),
    )
  } catch (error) {
    // One worker failed: the race has no verdict, so the others need not run (or hang) to the end.
    for (const worker of workers) worker.child.kill()
    throw error
  }
  const durationMs = performance.now() - started
  return judgeRace({ ...race, processes, durationMs }, outcomes.flat(), await fixture.rawBatches())
}

interface Worker {
  readonly child: ChildProcessWithoutNullStreams
  readonly ready: Promise<void>
  readonly result: Promise<InstanceOutcome[]>
}

/**
 * How a worker is started: the job (with the store spec, which may hold a password) travels in the
 * environment, readable only by the user, never in argv, which `ps` shows to everyone.
 */
export function workerSpawnArguments(
  job: RaceWorkerJob,
  env: NodeJS.ProcessEnv = process.env,
): { readonly command: string; readonly args: readonly string[]; readonly env: NodeJS.ProcessEnv } {
  return { command: process.execPath, args: [WORKER], env: { ...env, [RACE_JOB_ENV]: JSON.stringify(job) } }
}

function startWorker(job: RaceWorkerJob, timeoutMs: number, onAnswered: (done: number) => void): Worker {
  const spawning = workerSpawnArguments(job)
  const child = spawn(spawning.command, [...spawning.args], {
    env: spawning.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const lines: string[] = []
  let markReady: () => void = () => undefined
  let fail: (error: Error) => void = () => undefined
  // A worker that dies before it is ready fails the race at once instead of leaving it waiting.
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve
    fail = reject
  })
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line === WORKER_READY) markReady()
    else if (line.startsWith(`${WORKER_PROGRESS} `))
      onAnswered(Number(line.slice(WORKER_PROGRESS.length + 1)) || 0)
    else lines.push(line)
  })
  // A worker that died makes writing "go" fail with EPIPE; its exit is what reports the failure.
  child.stdin.on('error', () => undefined)
  const timer = setTimeout(() => child.kill(), timeoutMs)
  const result = new Promise<InstanceOutcome[]>((resolve, reject) => {
    child.on('error', (error) => {
      clearTimeout(timer)
      fail(error)
      reject(error)
    })
    // 'close', not 'exit': by then stdout is drained, so every line the worker printed has been read.
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const outcomes = code === 0 ? lastOutcomeLine(lines) : undefined
      if (outcomes !== undefined) {
        resolve(outcomes)
        return
      }
      const error = new Error(
        code === 0
          ? `race worker exited without printing its outcomes as a JSON line; its last output: ${JSON.stringify(
              lines.slice(-3).join('\n').slice(0, 500),
            )}`
          : `race worker exited with ${signal ?? String(code)}: ${stderr.trim().slice(0, 2000)}`,
      )
      fail(error)
      reject(error)
    })
  })
  result.catch(() => undefined)
  return { child, ready, result }
}

/**
 * The worker's outcomes: the last line that parses as a JSON array. A fixture may print lines of its
 * own (say, when it closes after the outcomes were written), which are skipped.
 */
export function lastOutcomeLine(lines: readonly string[]): InstanceOutcome[] | undefined {
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index]?.trim() ?? ''
    if (!line.startsWith('[')) continue
    try {
      const parsed: unknown = JSON.parse(line)
      if (Array.isArray(parsed)) return parsed as InstanceOutcome[]
    } catch {
      // Not JSON after all: keep looking further up.
    }
  }
  return undefined
}
