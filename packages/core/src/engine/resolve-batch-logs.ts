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
  const given = options ?? {}
  if (typeof given !== 'object' || given === null) {
    throw invalid(`batchLogs must be false or an object, got ${describeValue(given)}`)
  }
  const { directory } = given
  if (directory !== undefined && (typeof directory !== 'string' || directory === '')) {
    throw invalid(`batchLogs.directory must be a non-empty path, got ${describeValue(directory)}`)
  }
  const maxLines = positive(
    'batchLogs.maxLines',
    given.maxLines ??
      (directory === undefined ? BATCH_LOG_DEFAULTS.memoryMaxLines : BATCH_LOG_DEFAULTS.fileMaxLines),
    1,
  )
  return {
    directory,
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
