import { SpanKind, type Attributes } from '@opentelemetry/api'
import { fetchChannel, type FetchMessage } from '@batchgate/core/diagnostics'
import { ATTR } from '../attribute-names.js'
import type { BatchgateInstruments } from '../batchgate-instruments.js'
import { isFault } from '../fault-codes.js'
import { errorOf, type TracedCall } from '../traced-call.js'
import { errorTypeOf } from './error-type.js'
import { failSpan } from './fail-span.js'

/**
 * `batchgate:fetch` → the `batchgate fetch` span (INTERNAL), `batchgate.fetch.rows` (the rows
 * answered) and `batchgate.fetch.duration`, by orientation. A fetch refused for the client's request
 * (`INVALID_FETCH_REQUEST`, `OPERATION_NOT_FOUND`, ...) is not a fault; a failing source is.
 *
 * @example
 * ```ts
 * subscribeTracedCalls(fetchCalls(instruments), sinks)
 * ```
 */
export function fetchCalls(instruments: BatchgateInstruments): TracedCall<FetchMessage> {
  return {
    channel: fetchChannel,
    spanName: () => 'batchgate fetch',
    spanKind: SpanKind.INTERNAL,
    spanAttributes: (message) => ({
      [ATTR.instanceId]: message.instanceId,
      [ATTR.operationId]: message.operationId,
      [ATTR.fetchOrientation]: message.orientation,
      [ATTR.fetchMaxRows]: message.maxRows,
    }),
    finishSpan(message, span) {
      if (message.rows !== undefined) span.setAttribute(ATTR.fetchRows, message.rows)
      if (message.startRowOffset !== undefined)
        span.setAttribute(ATTR.fetchStartRowOffset, message.startRowOffset)
      const type = errorTypeOf(message)
      if (type === undefined) return
      if (isFault(message.errorCode)) failSpan(span, errorOf(message), type)
      else span.setAttribute(ATTR.errorType, type)
    },
    record(message, seconds) {
      const attributes: Attributes = { [ATTR.fetchOrientation]: message.orientation }
      if (message.rows !== undefined && message.rows > 0) instruments.fetchRows.add(message.rows, attributes)
      const type = errorTypeOf(message)
      if (type !== undefined) attributes[ATTR.errorType] = type
      instruments.fetchDuration.record(seconds, attributes)
    },
  }
}
