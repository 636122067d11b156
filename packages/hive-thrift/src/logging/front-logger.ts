import { BatchgateError, ErrorCode, quietConsoleLogger, type Logger } from '@batchgate/core'

/** A front's logger (the service's, a transport's), with a cheap test of whether per-request debug lines are wanted. */
export interface FrontLogger {
  /** The host's logger (or the quiet default) with `front: 'hive-thrift'` bound. */
  readonly logger: Logger
  /**
   * Whether a debug line would be written now: false for the quiet default and for a logger without
   * `debug`; pino's `isLevelEnabled('debug')` when it has it (its level may change at run time). Checked
   * before building a call's line, so a logger at `info` costs a call nothing.
   */
  readonly debugEnabled: () => boolean
}

const REQUIRED_METHODS = ['info', 'warn', 'error', 'child'] as const
const NEVER = (): boolean => false

/**
 * Resolves the `logger` option: the host's (checked to have pino's methods) or `quietConsoleLogger()`
 * (warn and error only), as a child bound to `front: 'hive-thrift'`.
 *
 * @example
 * ```ts
 * const { logger, debugEnabled } = frontLogger(options.logger)
 * if (debugEnabled()) logger.debug?.({ method, route }, 'request')
 * ```
 * @throws BatchgateError `INVALID_OPTIONS` when `logger` lacks `info`, `warn`, `error` or `child`
 */
export function frontLogger(given: Logger | undefined): FrontLogger {
  if (given === undefined)
    return { logger: quietConsoleLogger({ front: 'hive-thrift' }), debugEnabled: NEVER }
  const methods = given as unknown as Record<string, unknown> | null
  const missing = REQUIRED_METHODS.filter((name) => typeof methods?.[name] !== 'function')
  if (missing.length > 0) {
    throw new BatchgateError(
      ErrorCode.INVALID_OPTIONS,
      `logger must have pino's methods info, warn, error and child; it lacks ${missing.join(', ')}`,
    )
  }
  const logger = given.child({ front: 'hive-thrift' })
  if (typeof logger.debug !== 'function') return { logger, debugEnabled: NEVER }
  const levels = logger as Logger & { isLevelEnabled?: unknown }
  if (typeof levels.isLevelEnabled !== 'function') return { logger, debugEnabled: () => true }
  const isLevelEnabled = levels.isLevelEnabled as (level: string) => boolean
  return { logger, debugEnabled: () => isLevelEnabled.call(logger, 'debug') }
}
