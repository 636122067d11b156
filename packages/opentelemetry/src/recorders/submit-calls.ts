import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api'
import { submitChannel, type SubmitMessage } from '@batchgate/core/diagnostics'
import { ATTR } from '../attribute-names.js'
import type { BatchgateInstruments } from '../batchgate-instruments.js'
import { errorOf, type TracedCall } from '../traced-call.js'
import { failSpan } from './fail-span.js'

/**
 * `batchgate:submit` → the `batchgate submit` span (INTERNAL), `batchgate.submissions` and
 * `batchgate.submission.duration`. Only a `failed` submission is a fault (span status ERROR): a
 * duplicate is the answer exactly-once promises, a conflict or an invalid request the client's doing.
 *
 * @example
 * ```ts
 * subscribeTracedCalls(submitCalls(instruments), sinks)
 * ```
 */
export function submitCalls(instruments: BatchgateInstruments): TracedCall<SubmitMessage> {
  return {
    channel: submitChannel,
    spanName: () => 'batchgate submit',
    spanKind: SpanKind.INTERNAL,
    spanAttributes: (message) => ({ [ATTR.instanceId]: message.instanceId }),
    finishSpan(message, span) {
      span.setAttributes(settledAttributes(message))
      if (message.batchId !== undefined) span.setAttribute(ATTR.batchId, message.batchId)
      if (message.idGiven !== undefined) span.setAttribute(ATTR.batchIdGiven, message.idGiven)
      if (message.queued !== undefined) span.setAttribute(ATTR.queued, message.queued)
      if (message.errorCode !== undefined) span.setAttribute(ATTR.errorCode, message.errorCode)
      if (message.outcome === 'failed' || (message.outcome === undefined && errorOf(message) !== undefined)) {
        failSpan(span, errorOf(message), message.errorCode)
      } else {
        span.setStatus({ code: SpanStatusCode.UNSET })
      }
    },
    record(message, seconds) {
      const attributes = settledAttributes(message)
      instruments.submissions.add(1, attributes)
      instruments.submissionDuration.record(seconds, {
        [ATTR.submitOutcome]: attributes[ATTR.submitOutcome],
      })
    },
  }
}

function settledAttributes(message: SubmitMessage): Attributes {
  const outcome = message.outcome ?? (errorOf(message) === undefined ? 'created' : 'failed')
  const attributes: Attributes = { [ATTR.submitOutcome]: outcome }
  // Only for a batch the engine stored (created, or the stored one answered again): the type of a
  // refused or failed request is whatever the client sent, an unbounded set of series.
  if ((outcome === 'created' || outcome === 'duplicate') && message.batchType !== undefined) {
    attributes[ATTR.batchType] = message.batchType
  }
  if (outcome === 'conflict' || outcome === 'invalid' || outcome === 'failed') {
    attributes[ATTR.errorType] = message.errorCode ?? '_OTHER'
  }
  return attributes
}
