/// <reference types="node" preserve="true" />
// (Kept in the emitted .d.ts: its declarations use Node's global types, for consumers with "types": [].)
import { fork, type ChildProcess } from 'node:child_process'
import type { Batch, BatchRequest } from '@batchgate/core'
import type { FailoverCall, FailoverWorkerJob, FromWorker, WireError } from './failover-protocol.js'
import type { WorkLauncherEvent } from './work-launcher.js'
import { compiledModule } from './work-paths.js'
import { workRequest, type WorkRequestOptions } from './work-request.js'

/** A launcher event of a worker, with the parent's wall-clock time of arrival. */
export interface ObservedWorkEvent extends WorkLauncherEvent {
  readonly instanceId: string
  /** The worker's wall clock when it happened (epoch ms). */
  readonly at: number
}

/** How a worker process ended. */
export interface WorkerExit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
}

/** One engine process of a failover cluster, driven by the test. */
export interface FailoverWorker {
  readonly instanceId: string
  /** The OS process of the engine. */
  readonly pid: number
  /** Resolves once the engine has started; rejects with the worker's error if it could not. */
  readonly ready: Promise<void>
  /** Resolves when the process has exited. */
  readonly exited: Promise<WorkerExit>
  /** Whether the process has not exited yet (a stopped one has not). */
  readonly running: boolean
  /** Whether it was sent SIGSTOP and not SIGCONT since. */
  readonly stopped: boolean
  /** The launcher's events, as they came (`launched`, `aborted`, `recovering`). */
  readonly events: readonly ObservedWorkEvent[]
  /** What the engine told its `onBackgroundError`. */
  readonly backgroundErrors: readonly WireError[]
  /**
   * Submits a batch on this engine (a `BatchRequest`, or a work batch of the cluster's type made by
   * `workRequest` from options); resolves with its
   * answer, rejects with an `Error` carrying the engine's `code` (or because the worker died).
   */
  submit(request?: BatchRequest | WorkRequestOptions, user?: string): Promise<Batch>
  /** The store's claims wait from now on: the engine's own submissions stay PENDING, owned by it. */
  holdClaims(): Promise<void>
  releaseClaims(): Promise<void>
  /** `engine.close()` (its lease handed back), then the process exits. */
  close(): Promise<void>
  /** Sends `signal` (default SIGKILL); for SIGKILL and SIGTERM, resolves once the process exited. */
  kill(signal?: NodeJS.Signals): Promise<void>
  /** SIGSTOP: the process stalls (its work processes do not). */
  stop(): void
  /** SIGCONT. */
  resume(): void
}

const STDERR_KEPT = 4000

/** Forks one worker and sends it its job (see {@link FailoverWorkerJob}). */
export function startFailoverWorker(job: FailoverWorkerJob, startTimeoutMs: number): FailoverWorker {
  const child: ChildProcess = fork(compiledModule('failover-worker'), [], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    // Not the test runner's flags (loaders, inspectors): the worker is plain compiled JavaScript.
    execArgv: [],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT)
  })
  const events: ObservedWorkEvent[] = []
  const backgroundErrors: WireError[] = []
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  let nextId = 1
  let exit: WorkerExit | undefined
  let stopped = false
  let markReady: () => void = () => undefined
  let failReady: (error: Error) => void = () => undefined
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve
    failReady = reject
  })
  ready.catch(() => undefined)
  const timer = setTimeout(() => {
    failReady(
      new Error(`failover worker ${job.instanceId} did not start within ${startTimeoutMs} ms: ${stderr}`),
    )
  }, startTimeoutMs)
  const exited = new Promise<WorkerExit>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal }
      clearTimeout(timer)
      const error = new Error(
        `failover worker ${job.instanceId} exited with ${signal ?? String(code)}${stderr === '' ? '' : `: ${stderr.trim()}`}`,
      )
      failReady(error)
      for (const call of pending.values()) call.reject(error)
      pending.clear()
      resolve(exit)
    })
  })
  child.on('error', (error) => {
    failReady(error)
  })
  child.on('message', (message: FromWorker) => {
    switch (message.kind) {
      case 'ready':
        clearTimeout(timer)
        markReady()
        break
      case 'failed':
        failReady(wireToError(message.error, `failover worker ${job.instanceId} could not start`))
        break
      case 'event':
        events.push({ ...message.event, instanceId: job.instanceId, at: message.at })
        break
      case 'background-error':
        backgroundErrors.push(message.error)
        break
      case 'reply': {
        const call = pending.get(message.id)
        pending.delete(message.id)
        if (message.ok) call?.resolve(message.value)
        else call?.reject(wireToError(message.error, job.instanceId))
        break
      }
    }
  })
  child.send({ kind: 'job', job })

  const call = <T>(request: FailoverCall): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (exit !== undefined) {
        reject(new Error(`failover worker ${job.instanceId} has exited`))
        return
      }
      const id = nextId++
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      child.send({ kind: 'call', id, call: request })
    })
  const signal = (name: NodeJS.Signals): void => {
    if (exit !== undefined) return
    try {
      child.kill(name)
    } catch {
      // It exited meanwhile.
    }
  }
  return {
    instanceId: job.instanceId,
    pid: child.pid ?? -1,
    ready,
    exited,
    get running() {
      return exit === undefined
    },
    get stopped() {
      return stopped
    },
    events,
    backgroundErrors,
    submit: (request = {}, user = 'failover') =>
      call<Batch>({
        op: 'submit',
        request: 'resource' in request ? request : workRequest({ batchType: job.batchType, ...request }),
        user,
      }),
    holdClaims: () => call({ op: 'hold-claims' }),
    releaseClaims: () => call({ op: 'release-claims' }),
    async close() {
      await call({ op: 'close' })
      await exited
    },
    async kill(name = 'SIGKILL') {
      signal(name)
      if (name === 'SIGKILL' || name === 'SIGTERM') await exited
    },
    stop() {
      signal('SIGSTOP')
      stopped = true
    },
    resume() {
      signal('SIGCONT')
      stopped = false
    },
  }
}

function wireToError(wire: WireError, context: string): Error {
  const error = new Error(`${context}: ${wire.message}`) as Error & { code?: string }
  error.name = wire.name
  if (wire.code !== undefined) error.code = wire.code
  return error
}
