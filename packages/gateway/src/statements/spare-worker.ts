/// <reference types="node" preserve="true" />
import { forkStatementWorker, type StartedWorker } from './worker-fork.js'

/**
 * One statement process started ahead of need, so that a statement does not wait for Node.js and
 * better-sqlite3 to load (a few hundred milliseconds). The spare does not keep the gateway alive: it
 * is unreferenced until taken, and it ends itself once the gateway is gone (see `killWhenOrphaned`).
 *
 * @example
 * ```ts
 * const spare = new SpareWorker()
 * const child = spare.take() // a started process; the next spare starts now
 * ```
 */
export class SpareWorker {
  #spare: StartedWorker | undefined

  /** A started, unused statement process (the spare, when it is alive), and starts the next spare. */
  take(): StartedWorker {
    const spare = this.#spare
    const worker = spare !== undefined && usable(spare) ? spare : forkStatementWorker()
    if (spare !== undefined && worker !== spare) spare.child.kill('SIGKILL')
    worker.child.ref()
    worker.child.channel?.ref()
    const next = forkStatementWorker()
    next.child.unref()
    next.child.channel?.unref()
    this.#spare = next
    return worker
  }
}

function usable({ child }: StartedWorker): boolean {
  return child.exitCode === null && child.signalCode === null && child.connected
}
