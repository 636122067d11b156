/// <reference types="node" preserve="true" />
// (Kept in the emitted .d.ts: its declarations use Node's global types, for consumers with "types": [].)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StoreFixture, StoreFixtureOptions } from '../fixture/store-fixture.js'
import { startFailoverWorker, type FailoverWorker } from './failover-worker-handle.js'
import type { FailoverWorkerJob } from './failover-protocol.js'
import { isProcessRunning } from './process-alive.js'
import { readWorkLog, type WorkLogEntry } from './work-log.js'

/** One engine process of a {@link FailoverCluster}, where it differs from the others. */
export interface FailoverInstance {
  /** Default `fo-<index>`. */
  readonly instanceId?: string
  /** Its engine's `clock` is the wall clock plus this (a skewed host); default 0. */
  readonly clockSkewMs?: number
  /** Default: the cluster's. */
  readonly maxRunningBatches?: number
}

/** Options of {@link startFailoverCluster}. */
export interface FailoverClusterOptions {
  /** The database: its `reopen` (module and spec) is what every worker opens. It stays open. */
  readonly fixture: StoreFixture
  /** Passed to `createStoreFixture` in every worker. */
  readonly fixtureOptions?: StoreFixtureOptions
  /** How many engine processes (ids `fo-0`, `fo-1`, …), or each one's settings. */
  readonly instances: number | readonly FailoverInstance[]
  /** Every engine's `lease` option; default `{ durationMs: 2000, renewIntervalMs: 500 }`. */
  readonly lease?: FailoverWorkerJob['lease']
  /** Every engine's `maxRunningBatches` (default unlimited). */
  readonly maxRunningBatches?: number
  /** Every engine's `queue` option; default `{ pollIntervalMs: 200 }`. */
  readonly queue?: FailoverWorkerJob['queue']
  /** How long a batch's work runs unless its submission says (see `workRequest`); default 2000 ms. */
  readonly workMs?: number
  /** The `batchType` of the work launcher; default `WORK`. */
  readonly batchType?: string
  /** Longest the engines may take to start; default 30 000 ms. */
  readonly startTimeoutMs?: number
}

/**
 * Engine processes on one database, each with a work launcher whose work is a real process writing an
 * external append-only log. The test drives them and injects the faults.
 */
export interface FailoverCluster {
  readonly workers: readonly FailoverWorker[]
  /** The external log every work process appends to (O_APPEND). */
  readonly logPath: string
  /**
   * Starts one more engine process (default id `fo-<n>`, n the count so far) with the cluster's
   * settings, and resolves once it has started: a replacement for a killed one, say.
   */
  addWorker(instance?: FailoverInstance): Promise<FailoverWorker>
  /** The worker of `instanceId`; throws for an unknown id. */
  worker(instanceId: string): FailoverWorker
  /** Every complete line of the external log so far. */
  workLog(): WorkLogEntry[]
  /**
   * Kills every worker still running (SIGKILL; a stopped one too) and every work process still running
   * (by the pids of the log's `launch` lines), waits until they are gone, then removes the log's folder. Idempotent; call it in
   * `afterEach` so that no process outlives its test.
   */
  close(): Promise<void>
}

/**
 * Starts engine processes (`child_process.fork`) on one store, each
 * `createEngine({ store, instanceId, lease, maxRunningBatches, queue, clock, launchers: { WORK } })`,
 * and resolves once every engine has started.
 *
 * @example
 * ```ts
 * const cluster = await startFailoverCluster({ fixture, instances: 4, maxRunningBatches: 2 })
 * const batch = await cluster.workers[0].submit(workRequest({ workMs: 3000 }))
 * await cluster.workers[0].kill() // SIGKILL
 * await cluster.close()
 * ```
 */
export async function startFailoverCluster(options: FailoverClusterOptions): Promise<FailoverCluster> {
  const { fixture } = options
  const reopen = fixture.reopen
  if (reopen === undefined) {
    throw new TypeError('a failover cluster needs a fixture with reopen: { module, spec }')
  }
  const instances =
    typeof options.instances === 'number'
      ? Array.from({ length: options.instances }, (): FailoverInstance => ({}))
      : options.instances
  const folder = mkdtempSync(join(tmpdir(), 'batchgate-failover-'))
  const logPath = join(folder, 'work.log')
  const start = (instance: FailoverInstance, index: number): FailoverWorker =>
    startFailoverWorker(
      {
        fixture: reopen,
        fixtureOptions: options.fixtureOptions,
        instanceId: instance.instanceId ?? `fo-${index}`,
        lease: options.lease ?? { durationMs: 2000, renewIntervalMs: 500 },
        maxRunningBatches: instance.maxRunningBatches ?? options.maxRunningBatches,
        queue: options.queue ?? { pollIntervalMs: 200 },
        clockSkewMs: instance.clockSkewMs,
        logPath,
        batchType: options.batchType ?? 'WORK',
        workMs: options.workMs ?? 2000,
      },
      options.startTimeoutMs ?? 30_000,
    )
  const workers = instances.map(start)
  let closing: Promise<void> | undefined
  const cluster: FailoverCluster = {
    workers,
    logPath,
    async addWorker(instance = {}) {
      if (closing !== undefined) throw new Error('the failover cluster is closed')
      const worker = start(instance, workers.length)
      workers.push(worker)
      await worker.ready
      return worker
    },
    worker(instanceId) {
      const found = workers.find((worker) => worker.instanceId === instanceId)
      if (found === undefined) throw new Error(`no failover worker ${instanceId}`)
      return found
    },
    workLog: () => readWorkLog(logPath),
    close() {
      closing ??= (async () => {
        await Promise.all(workers.map((worker) => worker.kill('SIGKILL')))
        await killWork(readWorkLog(logPath))
        rmSync(folder, { recursive: true, force: true })
      })()
      return closing
    },
  }
  try {
    await Promise.all(workers.map((worker) => worker.ready))
  } catch (error) {
    await cluster.close()
    throw error
  }
  return cluster
}

/**
 * SIGKILLs every work process of the log that has not recorded its exit and is still running. A pid is
 * only killed while its command line is still the work process's: a pid the system reused is left alone.
 */
async function killWork(entries: readonly WorkLogEntry[]): Promise<void> {
  const exited = new Set(entries.filter((entry) => entry.event !== 'launch').map((entry) => entry.pid))
  const killed: number[] = []
  for (const entry of entries) {
    if (entry.event !== 'launch' || exited.has(entry.pid) || !isWorkProcess(entry.pid)) continue
    try {
      process.kill(entry.pid, 'SIGKILL')
      killed.push(entry.pid)
    } catch {
      // Gone meanwhile.
    }
  }
  // The signal is delivered, and an orphan reaped, a moment later: wait for it (bounded).
  const deadline = performance.now() + KILL_WAIT_MS
  while (killed.some(isProcessRunning) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const KILL_WAIT_MS = 2000

function isWorkProcess(pid: number): boolean {
  if (!isProcessRunning(pid)) return false
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('batchgate-work')
  } catch {
    // No /proc (macOS): trust the log.
    return process.platform !== 'linux'
  }
}
