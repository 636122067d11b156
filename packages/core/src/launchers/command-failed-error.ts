/// <reference types="node" preserve="true" />
// (Kept in the emitted .d.ts: its declarations use Node's global types, for consumers with "types": [].)
import { thrownMessage } from '../errors/describe-value.js'

/** Marks these errors so {@link CommandFailedError.is} works across duplicate package copies. */
const COMMAND_FAILED_ERROR = Symbol.for('@batchgate/core/CommandFailedError')

/**
 * Core keeps the first 8 KiB of a failure message as the batch's diagnostic. The tail in the message
 * stays within this budget so that the cut never falls on the latest lines, the ones that explain a failure.
 */
const MESSAGE_TAIL_BUDGET = 7 * 1024

/**
 * Why a command did not succeed: it exited with a non-zero code, a signal killed it, it could not be
 * started, or the launcher stopped it because the batch was cancelled or ran past `timeoutMs`.
 *
 * @example
 * ```ts
 * const retryable = (reason: CommandFailureReason) => reason === 'signal' || reason === 'timeout'
 * ```
 */
export type CommandFailureReason = 'exit' | 'signal' | 'spawn' | 'cancelled' | 'timeout'

/**
 * What {@link CommandFailedError} is built from.
 *
 * @example
 * ```ts
 * new CommandFailedError({ reason: 'exit', command: 'spark-submit', exitCode: 1, signal: undefined, tail: ['oops'] })
 * ```
 */
export interface CommandFailure {
  readonly reason: CommandFailureReason
  /** The host's command (never the batch's arguments, which may hold a submitter's secrets). */
  readonly command: string
  /** The command's exit code, when it exited on its own terms. */
  readonly exitCode: number | undefined
  /** The signal that ended the command, when one did. */
  readonly signal: NodeJS.Signals | undefined
  /** The last lines of output, oldest first. */
  readonly tail: readonly string[]
  /** The limit that ran out, for `reason: 'timeout'`. */
  readonly timeoutMs?: number | undefined
}

/**
 * How a command launched for a batch failed. Its message (a headline, then the last lines of output)
 * becomes the batch's diagnostic; the fields are for hosts that run a launcher themselves.
 *
 * It is a plain `Error`, not a `BatchgateError`: a failing job is the job's outcome, not a misuse of the
 * library, and hosts never see it from the engine's API — only as the ERROR batch's diagnostic.
 *
 * @example
 * ```ts
 * try {
 *   await launcher.launch(batch, { signal })
 * } catch (err) {
 *   if (CommandFailedError.is(err) && err.reason === 'exit') metrics.failedJobs.inc({ code: err.exitCode })
 *   throw err
 * }
 * ```
 */
export class CommandFailedError extends Error implements CommandFailure {
  readonly reason: CommandFailureReason
  readonly command: string
  readonly exitCode: number | undefined
  readonly signal: NodeJS.Signals | undefined
  readonly tail: readonly string[]
  readonly timeoutMs: number | undefined
  readonly [COMMAND_FAILED_ERROR] = true

  constructor(failure: CommandFailure, options?: { readonly cause?: unknown }) {
    super(withTail(headline(failure, options?.cause), failure.tail), options)
    this.name = 'CommandFailedError'
    this.reason = failure.reason
    this.command = failure.command
    this.exitCode = failure.exitCode
    this.signal = failure.signal
    this.tail = failure.tail
    this.timeoutMs = failure.timeoutMs
  }

  /** Whether `value` is a CommandFailedError, even one made by another copy of `@batchgate/core`. */
  static is(value: unknown): value is CommandFailedError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as { [COMMAND_FAILED_ERROR]?: unknown })[COMMAND_FAILED_ERROR] === true
    )
  }
}

function headline(failure: CommandFailure, cause: unknown): string {
  const { command } = failure
  switch (failure.reason) {
    case 'exit':
      return `${command} exited with code ${failure.exitCode ?? 'unknown'}`
    case 'signal':
      return `${command} was killed by ${failure.signal ?? 'a signal'}`
    case 'spawn':
      return `could not start ${command}: ${describeSpawnError(cause)}`
    case 'cancelled':
      return `${command} was cancelled${howItEnded(failure)}`
    case 'timeout':
      return `${command} timed out after ${failure.timeoutMs ?? 'unknown'} ms${howItEnded(failure)}`
  }
}

function howItEnded(failure: CommandFailure): string {
  if (failure.signal !== undefined) return ` and stopped by ${failure.signal}`
  if (failure.exitCode !== undefined) return ` and exited with code ${failure.exitCode}`
  return ' before it started'
}

function describeSpawnError(cause: unknown): string {
  const code = (cause as { code?: unknown } | undefined)?.code
  // Node reports a missing working directory as ENOENT too, naming the command: say both.
  if (code === 'ENOENT')
    return 'ENOENT (no such executable on its path or PATH, or no such working directory)'
  if (typeof code === 'string') return cause instanceof Error ? `${code} (${cause.message})` : code
  return thrownMessage(cause)
}

/** The headline, then as many of the latest lines as fit the budget. */
function withTail(headline: string, tail: readonly string[]): string {
  if (tail.length === 0) return headline
  const shown: string[] = []
  let size = 0
  for (let index = tail.length - 1; index >= 0; index--) {
    const line = tail[index] ?? ''
    if (size + line.length + 1 > MESSAGE_TAIL_BUDGET) {
      if (shown.length === 0) shown.push(`…${line.slice(line.length - MESSAGE_TAIL_BUDGET + 1)}`)
      break
    }
    shown.push(line)
    size += line.length + 1
  }
  shown.reverse()
  const count = shown.length === 1 ? 'line' : `${shown.length} lines`
  return `${headline}; last ${count} of output:\n${shown.join('\n')}`
}
