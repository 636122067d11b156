import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { LOOKUP_BEFORE_INSERT_SETTINGS, type LookupBeforeInsert } from '../batch/lookup-policy.js'
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from '../batch/request-limits.js'
import { BatchgateError } from '../errors/batchgate-error.js'
import { describeValue } from '../errors/describe-value.js'
import { ErrorCode } from '../errors/error-codes.js'
import type { RetentionConfig } from '../batch/retention-settings.js'
import type { OperationConfig } from '../operation/operation-settings.js'
import type { SessionConfig } from '../session/session-settings.js'
import { resolveBatchLogs } from './resolve-batch-logs.js'
import { invalidOption, optionObject, positive, timerDelay } from './option-checks.js'
import { resolveCoordinationOptions } from '../lease/resolve-coordination-options.js'
import type { EngineConfig } from './engine-config.js'
import type { CoreOptions } from './engine-options.js'
import { resolveLogger } from '../logging/resolve-logger.js'

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
  if (typeof instanceId !== 'string' || instanceId.trim() === '' || instanceId !== instanceId.trim()) {
    throw new BatchgateError(
      ErrorCode.INVALID_OPTIONS,
      'instanceId must be a non-empty string without white space around it',
    )
  }
  const logger = resolveLogger(options.logger, instanceId)
  return {
    instanceId,
    logger,
    limits: resolveLimits(options.limits ?? {}),
    compareDuplicateRequests: options.compareDuplicateRequests ?? true,
    lookupBeforeInsert: lookupSetting(options.lookupBeforeInsert ?? 'adaptive'),
    onBackgroundError:
      options.onBackgroundError ??
      ((error: unknown) => {
        logger.error({ err: error }, 'background failure')
      }),
    admins: admins(options.admins),
    cancelPollIntervalMs: timerDelay('cancelPollIntervalMs', options.cancelPollIntervalMs ?? 2000),
    retention: options.retention === false ? undefined : resolveRetention(options.retention ?? {}),
    pageSize: resolvePageSize(options.pageSize ?? {}),
    sessions: resolveSessions(options.sessions ?? {}),
    operations: resolveOperations(options.operations ?? {}),
    batchLogs: resolveBatchLogs(options.batchLogs),
    ...resolveCoordinationOptions(options),
  }
}

const HOUR_MS = 60 * 60 * 1000

function resolveSessions(given: Partial<SessionConfig>): SessionConfig {
  // Checked like every option object: a host passing `sessions: 5` learns so here.
  const fields = optionObject('sessions', given)
  return {
    idleTimeoutMs: positive('sessions.idleTimeoutMs', fields.idleTimeoutMs ?? 6 * HOUR_MS),
    maxPerUser: positive('sessions.maxPerUser', fields.maxPerUser ?? 50),
    maxOperationsPerSession: positive(
      'sessions.maxOperationsPerSession',
      fields.maxOperationsPerSession ?? 100,
    ),
  }
}

function resolveOperations(given: Partial<OperationConfig>): OperationConfig {
  const fields = optionObject('operations', given)
  return { idleTimeoutMs: positive('operations.idleTimeoutMs', fields.idleTimeoutMs ?? 3 * HOUR_MS) }
}

const DAY_MS = 24 * 60 * 60 * 1000

function resolveRetention(given: Partial<RetentionConfig>): RetentionConfig {
  return {
    maxAgeMs: positive('retention.maxAgeMs', given.maxAgeMs ?? 3 * DAY_MS),
    intervalMs: timerDelay('retention.intervalMs', given.intervalMs ?? 10 * 60 * 1000),
    batchSize: positive('retention.batchSize', given.batchSize ?? 500),
  }
}

function resolvePageSize(given: {
  readonly default?: number | undefined
  readonly max?: number | undefined
}): EngineConfig['pageSize'] {
  const max = positive('pageSize.max', given.max ?? 500)
  const fallback = positive('pageSize.default', given.default ?? Math.min(50, max))
  if (fallback > max)
    throw invalidOption(`pageSize.default (${fallback}) must not exceed pageSize.max (${max})`)
  return { default: fallback, max }
}

function lookupSetting(value: unknown): LookupBeforeInsert {
  const setting = LOOKUP_BEFORE_INSERT_SETTINGS.find((known) => known === value)
  if (setting === undefined) {
    throw invalidOption(`lookupBeforeInsert must be true, false or 'adaptive', got ${describeValue(value)}`)
  }
  return setting
}

function admins(value: unknown): ReadonlySet<string> {
  if (value === undefined) return new Set()
  if (!Array.isArray(value) || value.some((user) => typeof user !== 'string' || user === '')) {
    throw invalidOption('admins must be an array of non-empty user names')
  }
  return new Set(value as string[])
}

function resolveLimits(given: Partial<RequestLimits>): RequestLimits {
  const limits = { ...DEFAULT_REQUEST_LIMITS, ...given }
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new BatchgateError(
        ErrorCode.INVALID_OPTIONS,
        `limits.${name} must be a positive integer, got ${describeValue(value)}`,
      )
    }
  }
  return limits
}

/** Unique per process start, readable in a metastore row. */
function defaultInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
}
