import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from '../batch/request-limits.js'
import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import type { EngineConfig } from './engine-config.js'
import type { CoreOptions } from './engine-options.js'

/**
 * Applies defaults to the options and rejects settings that cannot work.
 *
 * @example
 * ```ts
 * resolveEngineConfig({ instanceId: 'gw-1' }).compareDuplicateRequests // true
 * ```
 */
export function resolveEngineConfig(options: CoreOptions): EngineConfig {
  const instanceId = options.instanceId ?? defaultInstanceId()
  if (typeof instanceId !== 'string' || instanceId.trim() === '') {
    throw new BatchgateError(ErrorCode.INVALID_OPTIONS, 'instanceId must be a non-empty string')
  }
  return {
    instanceId,
    limits: resolveLimits(options.limits ?? {}),
    compareDuplicateRequests: options.compareDuplicateRequests ?? true,
    lookupBeforeInsert: options.lookupBeforeInsert ?? true,
    onBackgroundError:
      options.onBackgroundError ??
      ((error: unknown) => {
        console.error('[batchgate] background failure:', error)
      }),
  }
}

function resolveLimits(given: Partial<RequestLimits>): RequestLimits {
  const limits = { ...DEFAULT_REQUEST_LIMITS, ...given }
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new BatchgateError(
        ErrorCode.INVALID_OPTIONS,
        `limits.${name} must be a positive integer, got ${value}`,
      )
    }
  }
  return limits
}

/** Unique per process start, readable in a metastore row. */
function defaultInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
}
