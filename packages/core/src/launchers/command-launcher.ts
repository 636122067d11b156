import type { Batch } from '../batch/batch.js'
import type { BatchLauncher } from '../batch/batch-launcher.js'
import { childEnvironment } from './child-environment.js'
import { CommandFailedError, type CommandFailure, type CommandFailureReason } from './command-failed-error.js'
import type { CommandLauncherOptions, CommandOutputStream } from './command-launcher-options.js'
import { refuseOptionLikeResource } from './option-like-resource.js'
import { OutputTail } from './output-tail.js'
import { resolveCommandOptions, type ResolvedCommandOptions } from './resolve-command-options.js'
import { runCommand, type CommandOutcome } from './run-command.js'

/**
 * A launcher that runs an operating-system command per batch: the host fixes the command, the batch
 * gives its arguments (by default `[batch.resource, ...batch.args]`). It runs without a shell, so an
 * argument such as `$(whoami)` reaches the command verbatim.
 *
 * Exit code 0 makes the batch FINISHED. A non-zero exit, a kill by a signal, a failure to start or a
 * `timeoutMs` that ran out makes it ERROR, with a {@link CommandFailedError} whose message — what happened,
 * then the last `tailLines` lines of output — is the diagnostic. Cancelling the batch sends SIGTERM to
 * the command and everything it started (its process group), then SIGKILL after `killGraceMs`.
 * Every line of output (stdout and stderr, as they come) goes to the batch's log (`context.log`, read
 * with `engine.batches.log`) and to `onOutput`, e.g. for the host's logs.
 *
 * The command's stdin is empty. On POSIX it runs in a session of its own: a stop reaches its children,
 * and a Ctrl+C or crash of the gateway does not take it down (as `engine.close()` leaves launches
 * running). A command that exits on its own is not followed further: background processes it leaves
 * behind are its business, and the batch ends without waiting for them.
 *
 * A submitter's value must never become an option of the command. Its `validate` refuses a `resource`
 * starting with `-` (`INVALID_REQUEST` at submit, nothing stored; `launch` refuses a batch stored before
 * with one), since under the default `[batch.resource, ...batch.args]` a resource `-e` plus an argument
 * would have `node` run the submitter's code; `allowOptionLikeResource` turns that off. Values your own
 * `args` places before the command's first positional argument carry the same risk: put them after a
 * flag that takes them as its value, or check them in a validate of your own (wrap this launcher's).
 *
 * @example
 * ```ts
 * const engine = await createEngine({
 *   store,
 *   launchers: {
 *     SPARK: commandLauncher({
 *       command: '/opt/spark/bin/spark-submit',
 *       args: (batch) => [...(batch.className ? ['--class', batch.className] : []), batch.resource, ...batch.args],
 *       onOutput: (batch, line, stream) => logger.info({ batch: batch.id, stream }, line),
 *     }),
 *   },
 * })
 * ```
 */
export function commandLauncher(options: CommandLauncherOptions): BatchLauncher {
  const settings = resolveCommandOptions(options)
  return {
    validate(request) {
      if (!settings.allowOptionLikeResource) refuseOptionLikeResource(request.resource)
    },
    async launch(batch, { signal, log }) {
      // Batches stored before this check existed (or by a host without it) are refused here too: ERROR.
      if (!settings.allowOptionLikeResource) refuseOptionLikeResource(batch.resource)
      if (signal.aborted) {
        throw new CommandFailedError(failure(settings, 'cancelled', []), { cause: signal.reason })
      }
      const tail = new OutputTail(settings.tailLines)
      const deliver = outputDelivery(settings, batch)
      const outcome = await runCommand({
        command: settings.command,
        args: [...settings.args(batch)],
        cwd: settings.cwd,
        env: childEnvironment(process.env, settings.inheritEnv, settings.env(batch)),
        killGraceMs: settings.killGraceMs,
        timeoutMs: settings.timeoutMs,
        maxLineLength: settings.maxLineLength,
        signal,
        onLine: (line, stream) => {
          tail.push(line)
          log(line)
          deliver(line, stream)
        },
      })
      const error = failureOf(outcome, settings, tail.lines(), signal)
      if (error !== undefined) throw error
    },
  }
}

/** The error for an outcome other than exit code 0. */
function failureOf(
  outcome: CommandOutcome,
  settings: ResolvedCommandOptions,
  tail: readonly string[],
  signal: AbortSignal,
): CommandFailedError | undefined {
  if (outcome.kind === 'not-started') {
    return new CommandFailedError(failure(settings, 'spawn', tail), { cause: outcome.error })
  }
  const ended = { exitCode: outcome.exitCode, signal: outcome.signal }
  switch (outcome.stoppedFor) {
    case 'cancelled':
      return new CommandFailedError(failure(settings, 'cancelled', tail, ended), { cause: signal.reason })
    case 'timeout':
      return new CommandFailedError(failure(settings, 'timeout', tail, ended))
    case undefined:
      if (outcome.signal !== undefined)
        return new CommandFailedError(failure(settings, 'signal', tail, ended))
      if (outcome.exitCode !== 0) return new CommandFailedError(failure(settings, 'exit', tail, ended))
      return undefined
  }
}

function failure(
  settings: ResolvedCommandOptions,
  reason: CommandFailureReason,
  tail: readonly string[],
  ended: Pick<CommandFailure, 'exitCode' | 'signal'> = { exitCode: undefined, signal: undefined },
): CommandFailure {
  const timeoutMs = reason === 'timeout' ? settings.timeoutMs : undefined
  return { reason, command: settings.command, tail, ...ended, timeoutMs }
}

/**
 * Calls the host's `onOutput`, making sure that nothing it throws or rejects with reaches the command's
 * run: a broken log sink must not fail (or crash) the batches it logs.
 */
function outputDelivery(
  settings: ResolvedCommandOptions,
  batch: Batch,
): (line: string, stream: CommandOutputStream) => void {
  const { onOutput, onOutputError } = settings
  const report = (error: unknown): void => {
    try {
      onOutputError(error, batch)
    } catch {
      // The host's error handler failed too; there is no safer place left to report to.
    }
  }
  if (onOutput === undefined) return () => undefined
  return (line, stream) => {
    try {
      const result = onOutput(batch, line, stream)
      // An async callback's rejection would otherwise be unhandled, which ends the host's process.
      if (isThenable(result)) Promise.resolve(result).catch(report)
    } catch (error) {
      report(error)
    }
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function'
}
