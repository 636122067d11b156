import { execFileSync } from 'node:child_process'

/**
 * The child processes of `pid` whose command line contains `marker` (all of them without one).
 *
 * @example
 * ```ts
 * childrenOf(process.pid, 'batchgate-statement') // the statement processes this test process runs
 * ```
 */
export function childrenOf(pid: number, marker = ''): number[] {
  let listing: string
  try {
    listing = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' })
  } catch {
    // ps exits 1 when it lists nothing.
    return []
  }
  return listing
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && line.includes(marker))
    .map((line) => Number(line.split(/\s+/, 1)[0]))
}

/** Whether a process `pid` exists (and is not yet reaped). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Polls `check` every 50 ms until it holds or `ms` pass; resolves with its last answer. */
export async function eventually(check: () => boolean, ms = 5000): Promise<boolean> {
  const deadline = Date.now() + ms
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
  return check()
}
