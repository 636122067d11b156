import type { Logger } from './logger.js'
import { boundLogger } from './bound-logger.js'

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
  return boundLogger(logger, { instanceId }).logger
}
