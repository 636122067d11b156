/// <reference types="node" preserve="true" />
// (Kept in the emitted .d.ts: its declarations use Node's global types, for consumers with "types": [].)
import type { ChildProcess } from 'node:child_process'

/**
 * Whether commands run in a process group of their own, so that a stop reaches what they started too
 * (`spark-submit` starts a JVM, `sh -c` starts its commands). POSIX only: Windows has no process groups.
 */
export const USE_PROCESS_GROUPS = process.platform !== 'win32'

/**
 * Sends `signal` to a command started with `detached: USE_PROCESS_GROUPS`: to its whole process group on
 * POSIX (the group's id is the command's pid, since `detached` makes it a session leader), to the
 * process alone elsewhere. Never throws: it runs from timers and abort listeners, where a throw would
 * crash the host.
 *
 * @example
 * ```ts
 * signalCommand(child, 'SIGTERM')
 * ```
 */
export function signalCommand(child: ChildProcess, signal: NodeJS.Signals): void {
  const { pid } = child
  if (pid === undefined) return
  if (!USE_PROCESS_GROUPS) {
    child.kill(signal)
    return
  }
  try {
    process.kill(-pid, signal)
  } catch (error) {
    // ESRCH: every process of the group has exited already. Anything else (EPERM from a group member
    // of another user): at least reach the command itself.
    if ((error as { code?: unknown }).code !== 'ESRCH') child.kill(signal)
  }
}
