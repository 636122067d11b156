/**
 * The launched work of a failover test, as a POSIX shell script: cheap enough to start hundreds of
 * (a burst of 500 launches), and a real OS process apart from the engine. It records in the external
 * log that it started, works (sleeps) for the given time, records that it ended and exits 0; stopped
 * by SIGTERM or SIGINT first, it records `killed` and exits 143; SIGUSR1 ends its work early, as if
 * done (`end`, exit 0). Each line is one `>>` (O_APPEND) write.
 * Its traps come first, so a signal right after the launch line is still recorded; the sleep runs in
 * the background and is waited for, because a shell runs no trap while a foreground command runs.
 *
 * Positional parameters: the log path, the batch id, the instance id, the work time in seconds.
 */
export const WORK_SCRIPT = [
  'log=$1; batch=$2; instance=$3',
  'stop() { kill "$sleeper" 2>/dev/null; echo "killed $batch $instance $$ $1" >> "$log"; exit 143; }',
  "trap 'stop SIGTERM' TERM",
  "trap 'stop SIGINT' INT",
  // SIGUSR1 ends the work early but normally: a test frees a slot when it chooses.
  'finish() { kill "$sleeper" 2>/dev/null; echo "end $batch $instance $$" >> "$log"; exit 0; }',
  'trap finish USR1',
  'echo "launch $batch $instance $$" >> "$log"',
  'sleep "$4" & sleeper=$!',
  'wait "$sleeper"',
  'echo "end $batch $instance $$" >> "$log"',
].join('\n')

/**
 * The command and arguments that start the work of `batchId` (see {@link WORK_SCRIPT}).
 *
 * @example
 * ```ts
 * const [command, args] = workCommand('/tmp/work.log', batchId, 'fo-0', 2000)
 * spawn(command, args, { stdio: 'ignore' })
 * ```
 */
export function workCommand(
  logPath: string,
  batchId: string,
  instanceId: string,
  workMs: number,
): readonly [string, readonly string[]] {
  return [
    '/bin/sh',
    ['-c', WORK_SCRIPT, 'batchgate-work', logPath, batchId, instanceId, (workMs / 1000).toFixed(3)],
  ]
}
