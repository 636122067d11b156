import {
  BATCH_LOG_DEFAULTS,
  MIN_LOG_LINE_BYTES,
  type BatchLogOptions,
  type BatchLogSettings,
} from '../application/batch-log-settings.js'
import { BatchgateError } from '../errors/batchgate-error.js'
import { describeValue } from '../errors/describe-value.js'
import { ErrorCode } from '../errors/error-codes.js'

/**
 * `EngineOptions.batchLogs` with its defaults applied; `undefined` when logs are off (`false`).
 *
 * @throws BatchgateError `INVALID_OPTIONS` naming the setting
 * @example
 * ```ts
 * resolveBatchLogs({ directory: '/var/lib/batchgate/logs' }).maxLines // 10000
 * ```
 */
export function resolveBatchLogs(options: false | BatchLogOptions | undefined): BatchLogSettings | undefined {
  if (options === false) return undefined
  // Read as the untyped value a host's JavaScript may pass.
  const value: unknown = options ?? {}
  if (typeof value !== 'object' || value === null) {
    throw invalid(`batchLogs must be false or an object, got ${describeValue(value)}`)
  }
  const given = value as BatchLogOptions
  const { directory } = given
  if (directory !== undefined && (typeof directory !== 'string' || directory === '')) {
    throw invalid(`batchLogs.directory must be a non-empty path, got ${describeValue(directory)}`)
  }
  const { shared = false } = given
  if (typeof shared !== 'boolean')
    throw invalid(`batchLogs.shared must be a boolean, got ${describeValue(shared)}`)
  if (shared && directory === undefined) {
    throw invalid('batchLogs.shared needs batchLogs.directory: logs in memory are never shared')
  }
  const maxLines = positive(
    'batchLogs.maxLines',
    given.maxLines ??
      (directory === undefined ? BATCH_LOG_DEFAULTS.memoryMaxLines : BATCH_LOG_DEFAULTS.fileMaxLines),
    1,
  )
  return {
    directory,
    shared,
    maxLines,
    maxLineBytes: positive(
      'batchLogs.maxLineBytes',
      given.maxLineBytes ?? BATCH_LOG_DEFAULTS.maxLineBytes,
      MIN_LOG_LINE_BYTES,
    ),
    maxBatches: positive('batchLogs.maxBatches', given.maxBatches ?? BATCH_LOG_DEFAULTS.maxBatches, 1),
  }
}

function positive(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw invalid(`${name} must be an integer of at least ${min}, got ${describeValue(value)}`)
  }
  return value
}

function invalid(message: string): BatchgateError {
  return new BatchgateError(ErrorCode.INVALID_OPTIONS, message)
}
