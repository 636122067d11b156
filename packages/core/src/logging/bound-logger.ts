import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import type { Logger } from './logger.js'
import { quietConsoleLogger } from './quiet-console-logger.js'

/** A logger with fields bound to every line, and a cheap test of whether debug lines are wanted. */
export interface BoundLogger {
  /** The host's logger (or the quiet default) with the bindings. */
  readonly logger: Logger
  /**
   * Whether a debug line would be written now: false for the quiet default and for a logger without
   * `debug`; pino's `isLevelEnabled('debug')` when it has it (its level may change at run time). Checked
   * before building a per-request line, so a logger at `info` costs a request nothing.
   */
  readonly debugEnabled: () => boolean
}

const REQUIRED_METHODS = ['info', 'warn', 'error', 'child'] as const
const NEVER = (): boolean => false

/**
 * Resolves a `logger` option (the engine's, a front's): the host's, checked to have pino's methods, or
 * `quietConsoleLogger()` (warn and error only), as a child with `bindings` on every line.
 *
 * @example
 * ```ts
 * const { logger, debugEnabled } = boundLogger(options.logger, { front: 'kyuubi-rest' })
 * if (debugEnabled()) logger.debug?.({ method, route }, 'request')
 * ```
 * @throws BatchgateError `INVALID_OPTIONS` when `logger` lacks `info`, `warn`, `error` or `child`
 */
export function boundLogger(given: Logger | undefined, bindings: Record<string, unknown>): BoundLogger {
  if (given === undefined) return { logger: quietConsoleLogger(bindings), debugEnabled: NEVER }
  const methods = given as unknown as Record<string, unknown> | null
  const missing = REQUIRED_METHODS.filter((name) => typeof methods?.[name] !== 'function')
  if (missing.length > 0) {
    throw new BatchgateError(
      ErrorCode.INVALID_OPTIONS,
      `logger must have pino's methods info, warn, error and child; it lacks ${missing.join(', ')}`,
    )
  }
  const logger = given.child(bindings)
  if (typeof logger.debug !== 'function') return { logger, debugEnabled: NEVER }
  const levels = logger as Logger & { isLevelEnabled?: unknown }
  if (typeof levels.isLevelEnabled !== 'function') return { logger, debugEnabled: () => true }
  const isLevelEnabled = levels.isLevelEnabled as (level: string) => boolean
  return { logger, debugEnabled: () => isLevelEnabled.call(logger, 'debug') }
}
