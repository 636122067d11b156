import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import type { Logger } from './logger.js'
import { quietConsoleLogger } from './quiet-console-logger.js'

const REQUIRED_METHODS = ['info', 'warn', 'error', 'child'] as const

/**
 * The engine's logger: the host's (checked to have pino's methods) or the quiet default, with
 * `instanceId` bound to every line.
 *
 * @example
 * ```ts
 * const logger = resolveLogger(options.logger, 'gw-1')
 * ```
 * @throws BatchgateError `INVALID_OPTIONS` when `logger` lacks `info`, `warn`, `error` or `child`
 */
export function resolveLogger(logger: Logger | undefined, instanceId: string): Logger {
  if (logger === undefined) return quietConsoleLogger({ instanceId })
  const given = logger as unknown as Record<string, unknown> | null
  const missing = REQUIRED_METHODS.filter((name) => typeof given?.[name] !== 'function')
  if (missing.length > 0) {
    throw new BatchgateError(
      ErrorCode.INVALID_OPTIONS,
      `logger must have pino's methods info, warn, error and child; it lacks ${missing.join(', ')}`,
    )
  }
  return logger.child({ instanceId })
}
