import { channel, tracingChannel } from 'node:diagnostics_channel'
import { CHANNEL_NAMES } from '@batchgate/core/diagnostics'
import { instrumentBatchgate, type BatchgateInstrumentation } from '@batchgate/opentelemetry'
import type { TelemetryProviders } from './telemetry-providers.js'

/** The channels that are tracing channels; the others are plain ones (see `CHANNEL_NAMES`). */
const TRACING = new Set<string>([
  CHANNEL_NAMES.submit,
  CHANNEL_NAMES.metastore,
  CHANNEL_NAMES.launch,
  CHANNEL_NAMES.fetch,
  CHANNEL_NAMES.request,
])

/** Turns `instrumentBatchgate` on and off between the rounds of a comparison. */
export interface TelemetrySwitch {
  /** Subscribes (`instrumentBatchgate` with the providers), unless already on. */
  on(): void
  /** Unsubscribes, unless already off, and checks that no channel of batchgate has a subscriber left. */
  off(): void
}

/**
 * Diagnostics channels are process-wide: an engine with and without telemetry is one engine, with
 * `instrumentBatchgate` subscribed or not. This switch is what each side of the pair calls before its
 * calls of a round.
 *
 * @example
 * ```ts
 * const telemetry = telemetrySwitch(providers)
 * telemetry.on() // … submit … telemetry.off()
 * ```
 */
export function telemetrySwitch(providers: TelemetryProviders): TelemetrySwitch {
  let instrumentation: BatchgateInstrumentation | undefined
  return {
    on() {
      instrumentation ??= instrumentBatchgate({
        meterProvider: providers.meterProvider,
        tracerProvider: providers.tracerProvider,
      })
    },
    off() {
      instrumentation?.disable()
      instrumentation = undefined
      const subscribed = Object.values(CHANNEL_NAMES).filter((name) =>
        TRACING.has(name) ? tracingChannel(name).hasSubscribers : channel(name).hasSubscribers,
      )
      if (subscribed.length > 0) {
        throw new Error(`telemetry off, yet ${subscribed.join(', ')} still have subscribers`)
      }
    },
  }
}
