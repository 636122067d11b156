import { SpanKind, type Attributes } from '@opentelemetry/api'
import { metastoreChannel, type MetastoreCallMessage } from '@batchgate/core/diagnostics'
import { ATTR } from '../attribute-names.js'
import type { BatchgateInstruments } from '../batchgate-instruments.js'
import { isFault } from '../fault-codes.js'
import { errorOf, type TracedCall } from '../traced-call.js'
import { errorTypeOf } from './error-type.js'
import { failSpan } from './fail-span.js'

/** OpenTelemetry's `db.system.name` for a store that names no system. */
const OTHER_SQL = 'other_sql'

/**
 * `batchgate:metastore` → a CLIENT span per port call named after the operation (`insertBatch`),
 * `db.client.operation.duration` and `batchgate.metastore.retries`. `DUPLICATE_KEY` (how a duplicate
 * submission is recognised) is reported in `error.type` but is not a fault.
 *
 * @example
 * ```ts
 * subscribeTracedCalls(metastoreCalls(instruments), sinks)
 * ```
 */
export function metastoreCalls(instruments: BatchgateInstruments): TracedCall<MetastoreCallMessage> {
  return {
    channel: metastoreChannel,
    spanName: (message) => message.operation,
    spanKind: SpanKind.CLIENT,
    spanAttributes: (message) => {
      const attributes = operationAttributes(message)
      attributes[ATTR.instanceId] = message.instanceId
      if (message.batchId !== undefined) attributes[ATTR.batchId] = message.batchId
      return attributes
    },
    finishSpan(message, span) {
      span.setAttribute(ATTR.metastoreAttempts, message.attempts)
      const type = errorTypeOf(message)
      if (type === undefined) return
      if (isFault(message.errorCode)) failSpan(span, errorOf(message), type)
      else span.setAttribute(ATTR.errorType, type)
    },
    record(message, seconds) {
      const attributes = operationAttributes(message)
      if (message.attempts > 1) instruments.metastoreRetries.add(message.attempts - 1, attributes)
      const type = errorTypeOf(message)
      if (type !== undefined) attributes[ATTR.errorType] = type
      instruments.metastoreDuration.record(seconds, attributes)
    },
  }
}

function operationAttributes(message: MetastoreCallMessage): Attributes {
  return {
    [ATTR.dbSystemName]: message.dbSystem ?? OTHER_SQL,
    [ATTR.dbOperationName]: message.operation,
  }
}
