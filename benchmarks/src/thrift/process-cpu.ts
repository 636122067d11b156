import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

let ticksPerSecond: number | undefined

/**
 * The CPU time another process has used so far (user + system, all its threads), in seconds, from
 * `/proc/<pid>/stat` (Linux; resolution one clock tick, 10 ms on most systems). On a machine shared
 * with other work, a server's CPU time per block is a steadier measure than wall time: it leaves out
 * the time it waited to be scheduled.
 *
 * @example
 * ```ts
 * const before = cpuSecondsOf(server.pid)
 * … load …
 * const used = cpuSecondsOf(server.pid) - before
 * ```
 */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The fields after the command name (which may hold spaces, inside parentheses): state is the 3rd
  // field of the line, utime the 14th and stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12])
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  return ticks / ticksPerSecond
}
