import { SpanKind, type Attributes } from '@opentelemetry/api'
import { launchChannel, type LaunchMessage } from '@batchgate/core/diagnostics'
import { ATTR } from '../attribute-names.js'
import type { BatchgateInstruments } from '../batchgate-instruments.js'
import { errorOf, type TracedCall } from '../traced-call.js'
import { errorClassName, failSpan } from './fail-span.js'

/**
 * `batchgate:launch` → the `batchgate launch` span (INTERNAL), `batchgate.launches` and
 * `batchgate.launch.duration`. A launcher that rejects (`failed`) is a fault; a batch cancelled or
 * taken over by another instance (`fenced`) is not.
 *
 * @example
 * ```ts
 * subscribeTracedCalls(launchCalls(instruments), sinks)
 * ```
 */
export function launchCalls(instruments: BatchgateInstruments): TracedCall<LaunchMessage> {
  return {
    channel: launchChannel,
    spanName: () => 'batchgate launch',
    spanKind: SpanKind.INTERNAL,
    spanAttributes: (message) => ({
      [ATTR.instanceId]: message.instanceId,
      [ATTR.batchId]: message.batchId,
      [ATTR.batchType]: message.batchType,
      [ATTR.launchMode]: message.mode,
    }),
    finishSpan(message, span) {
      const outcome = outcomeOf(message)
      span.setAttribute(ATTR.launchOutcome, outcome)
      // The error's class only: a launcher's message may quote its job's output or command line
      // (CommandFailedError keeps the last output lines), which must not leave in an exported span.
      if (outcome === 'failed') failSpan(span, undefined, errorClassName(errorOf(message)) ?? '_OTHER')
    },
    record(message, seconds) {
      const attributes: Attributes = {
        [ATTR.batchType]: message.batchType,
        [ATTR.launchMode]: message.mode,
        [ATTR.launchOutcome]: outcomeOf(message),
      }
      instruments.launches.add(1, attributes)
      instruments.launchDuration.record(seconds, attributes)
    },
  }
}

function outcomeOf(message: LaunchMessage): string {
  return message.outcome ?? (errorOf(message) === undefined ? 'finished' : 'failed')
}
