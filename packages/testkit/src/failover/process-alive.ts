import { readFileSync } from 'node:fs'

/**
 * Whether `pid` is a live process. A zombie counts as gone: it has exited, and an orphan (the work of
 * a killed engine process) may stay a zombie for good in a container whose init does not reap.
 *
 * @example
 * ```ts
 * if (!isProcessRunning(pid)) console.log('the work is gone')
 * ```
 */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    // EPERM: it exists, owned by someone else (a reused pid): not ours, but alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    // No /proc (macOS): kill(pid, 0) succeeded, so it exists.
    return process.platform !== 'linux'
  }
}
