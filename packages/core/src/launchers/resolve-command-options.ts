import type { Batch } from '../batch/batch.js'
import { describeValue } from '../cursor/option-checks.js'
import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import { DEFAULT_INHERITED_ENV } from './child-environment.js'
import {
  DEFAULT_KILL_GRACE_MS,
  DEFAULT_MAX_LINE_LENGTH,
  DEFAULT_TAIL_LINES,
  type CommandLauncherOptions,
  type CommandOutputStream,
} from './command-launcher-options.js'

/** {@link CommandLauncherOptions} with defaults applied and checked. */
export interface ResolvedCommandOptions {
  readonly command: string
  readonly args: (batch: Batch) => readonly string[]
  readonly allowOptionLikeResource: boolean
  readonly cwd: string | undefined
  readonly inheritEnv: readonly string[] | 'all'
  readonly env: (batch: Batch) => Readonly<Record<string, string>>
  readonly killGraceMs: number
  readonly timeoutMs: number | undefined
  readonly tailLines: number
  readonly maxLineLength: number
  /** Typed to return `unknown`: a host's async callback returns a promise that must not go unhandled. */
  readonly onOutput: ((batch: Batch, line: string, stream: CommandOutputStream) => unknown) | undefined
  readonly onOutputError: (error: unknown, batch: Batch) => void
}

/** Longer than any real job, shorter than what `setTimeout` takes (a larger delay fires at once). */
const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * Applies defaults and rejects options that cannot work with `INVALID_OPTIONS`, when the launcher is
 * built rather than when a batch is launched.
 *
 * @example
 * ```ts
 * resolveCommandOptions({ command: 'spark-submit' }).killGraceMs // 5000
 * ```
 */
export function resolveCommandOptions(options: CommandLauncherOptions): ResolvedCommandOptions {
  const { command, cwd, inheritEnv = DEFAULT_INHERITED_ENV, env = {}, onOutput, onOutputError } = options
  if (typeof command !== 'string' || command.trim() === '') {
    invalid(`command must be a non-empty string, got ${describeValue(command)}`)
  }
  if (cwd !== undefined && (typeof cwd !== 'string' || cwd === '')) {
    invalid(`cwd must be a non-empty string when given, got ${describeValue(cwd)}`)
  }
  if (
    inheritEnv !== 'all' &&
    !(Array.isArray(inheritEnv) && inheritEnv.every((n) => typeof n === 'string'))
  ) {
    invalid(`inheritEnv must be 'all' or an array of variable names, got ${describeValue(inheritEnv)}`)
  }
  checkFunction('args', options.args)
  checkFunction('onOutput', onOutput)
  checkFunction('onOutputError', onOutputError)
  if (typeof env !== 'function' && !isRecord(env)) {
    invalid(`env must be a record or a function of the batch, got ${describeValue(env)}`)
  }
  return {
    command,
    args: options.args ?? ((batch) => [batch.resource, ...batch.args]),
    allowOptionLikeResource: options.allowOptionLikeResource === true,
    cwd,
    inheritEnv,
    env: typeof env === 'function' ? env : () => env,
    killGraceMs: integer('killGraceMs', options.killGraceMs ?? DEFAULT_KILL_GRACE_MS, 0, MAX_TIMER_MS),
    timeoutMs:
      options.timeoutMs === undefined ? undefined : integer('timeoutMs', options.timeoutMs, 1, MAX_TIMER_MS),
    tailLines: integer('tailLines', options.tailLines ?? DEFAULT_TAIL_LINES, 0, 100_000),
    maxLineLength: integer('maxLineLength', options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH, 1, 1024 * 1024),
    onOutput,
    onOutputError:
      onOutputError ??
      ((error: unknown, batch: Batch) => {
        console.error(`[batchgate] onOutput failed for batch ${batch.id}:`, error)
      }),
  }
}

function integer(name: string, value: unknown, min: number, max: number): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max) return value
  return invalid(`${name} must be an integer between ${min} and ${max}, got ${describeValue(value)}`)
}

function checkFunction(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') {
    invalid(`${name} must be a function when given, got ${describeValue(value)}`)
  }
}

function isRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function invalid(message: string): never {
  throw new BatchgateError(ErrorCode.INVALID_OPTIONS, message)
}
