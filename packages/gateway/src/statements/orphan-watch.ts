import { Worker } from 'node:worker_threads'

/** Runs on a thread of its own: the main thread may be busy in SQLite for as long as a statement runs. */
const WATCH = `
const { workerData } = require('node:worker_threads')
setInterval(() => {
  if (process.ppid !== workerData.parent) process.kill(workerData.self, 'SIGKILL')
}, workerData.intervalMs)
`

/**
 * Kills this process when its parent is gone. A statement process whose gateway was killed outright
 * (SIGKILL, a crash) would otherwise run a runaway statement forever: its own main thread is stuck in
 * SQLite and cannot notice, so a worker thread watches the parent's pid and ends the process.
 *
 * @example
 * ```ts
 * killWhenOrphaned(1000)
 * ```
 */
export function killWhenOrphaned(intervalMs: number): void {
  const watch = new Worker(WATCH, {
    eval: true,
    workerData: { parent: process.ppid, self: process.pid, intervalMs },
  })
  // The watch alone must not keep the process alive.
  watch.unref()
}
