import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { VERBOSE } from './progress-note.js'
import { HA_JOB_ENV, type HaWorkerCommand, type HaWorkerJob, type HaWorkerMessage } from './ha-worker-job.js'

const WORKER = fileURLToPath(new URL('./ha-worker.js', import.meta.url))

type Done = Extract<HaWorkerMessage, { type: 'done' }>

/**
 * A running child process of the high-availability benchmarks (see ha-worker.ts), seen from the
 * parent: its messages as they arrive, commands to it, and its end.
 *
 * @example
 * ```ts
 * const worker = HaWorker.start({ role: 'engine', target, instanceId: 'ha-0', launcher: 'held' })
 * await worker.ready
 * worker.send('submit 2')
 * ```
 */
export class HaWorker {
  /** Resolves once the engine (or the raw claimer) is open. */
  readonly ready: Promise<void>
  /** Resolves with the worker's last report; rejects if it exits without one. */
  readonly done: Promise<Done>
  /** Resolves when the process has exited, however it ended. */
  readonly exited: Promise<void>
  #waiters: { test: (message: HaWorkerMessage) => boolean; resolve: (message: HaWorkerMessage) => void }[] =
    []
  #listeners: ((message: HaWorkerMessage) => void)[] = []
  #stderr = ''

  private constructor(
    readonly job: HaWorkerJob,
    readonly child: ChildProcessWithoutNullStreams,
  ) {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-4000)
      if (VERBOSE) process.stderr.write(chunk)
    })
    // A worker that died makes a write fail with EPIPE; its exit is what reports the failure.
    child.stdin.on('error', () => undefined)
    createInterface({ input: child.stdout }).on('line', (line) => {
      let message: HaWorkerMessage
      try {
        message = JSON.parse(line) as HaWorkerMessage
      } catch {
        return
      }
      for (const listener of this.#listeners) listener(message)
      this.#waiters = this.#waiters.filter((waiter) => {
        if (!waiter.test(message)) return true
        waiter.resolve(message)
        return false
      })
    })
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('close', (code, signal) => {
        resolve({ code, signal })
      }),
    )
    this.exited = exit.then(() => undefined)
    const failure = exit.then(({ code, signal }) => {
      throw new Error(
        `benchmark worker ${job.instanceId} exited with ${signal ?? String(code)}: ${this.#stderr.trim().slice(-2000)}`,
      )
    })
    failure.catch(() => undefined)
    this.ready = Promise.race([this.next((m) => m.type === 'ready'), failure]).then(() => undefined)
    this.done = Promise.race([this.next((m): m is Done => m.type === 'done') as Promise<Done>, failure])
    this.ready.catch(() => undefined)
    this.done.catch(() => undefined)
  }

  /** Starts a worker on `job` (the job travels in the environment). */
  static start(job: HaWorkerJob): HaWorker {
    const child = spawn(process.execPath, [WORKER], {
      env: { ...process.env, [HA_JOB_ENV]: JSON.stringify(job) },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    return new HaWorker(job, child)
  }

  /** The next message that passes `test`. */
  next(test: (message: HaWorkerMessage) => boolean): Promise<HaWorkerMessage> {
    return new Promise((resolve) => this.#waiters.push({ test, resolve }))
  }

  /** Calls `listener` with every message from now on. */
  onMessage(listener: (message: HaWorkerMessage) => void): void {
    this.#listeners.push(listener)
  }

  send(command: HaWorkerCommand): void {
    this.child.stdin.write(`${command}\n`)
  }

  /** Sends `stop` and waits for the report. */
  async stop(): Promise<Done> {
    this.send('stop')
    return this.done
  }

  /** Ends the process at once, if it still runs. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal)
  }
}
