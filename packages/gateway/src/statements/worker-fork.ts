/// <reference types="node" preserve="true" />
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const WORKER = fileURLToPath(new URL('./statement-worker.js', import.meta.url))

/** How long a statement process may take to load before it is given up. */
const LOAD_TIMEOUT_MS = 30_000

/** A started statement process and whether it loaded. */
export interface StartedWorker {
  readonly child: ChildProcess
  /** True once it said it loaded; false when it exited first or did not load within 30 s (then it is killed). */
  readonly loaded: Promise<boolean>
}

/**
 * Starts a statement process, idle until it is given a statement.
 *
 * @example
 * ```ts
 * const worker = forkStatementWorker()
 * if (await worker.loaded) worker.child.send({ type: 'open', dataFile, statement, columns: null })
 * ```
 */
export function forkStatementWorker(): StartedWorker {
  const child = fork(WORKER, [], {
    serialization: 'advanced',
    // The gateway's own flags (an inspector, a loader) are not the worker's business.
    execArgv: [],
    // Nothing of the gateway's environment (database URIs, passwords) is needed to read a file.
    env: { PATH: process.env.PATH ?? '' },
    // A crash report goes to the gateway's stderr; a pipe would keep a spare's gateway alive.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const loaded = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      resolve(false)
    }, LOAD_TIMEOUT_MS)
    timer.unref()
    // The first message a statement process sends says it loaded.
    child.once('message', () => {
      clearTimeout(timer)
      resolve(true)
    })
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(false)
    })
  })
  return { child, loaded }
}
