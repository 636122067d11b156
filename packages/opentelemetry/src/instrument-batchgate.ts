import type { MeterProvider, TracerProvider } from '@opentelemetry/api'

/** Options of {@link instrumentBatchgate}. */
export interface BatchgateInstrumentationOptions {
  /** Where metrics go (default: the global `metrics.getMeterProvider()`). */
  readonly meterProvider?: MeterProvider | undefined
  /** Where spans go (default: the global `trace.getTracerProvider()`). */
  readonly tracerProvider?: TracerProvider | undefined
  /** Record metrics (default true). */
  readonly metrics?: boolean | undefined
  /** Record spans (default true). */
  readonly traces?: boolean | undefined
}

/** A running instrumentation: its subscriptions to batchgate's channels. */
export interface BatchgateInstrumentation {
  /** Unsubscribes from every channel; idempotent. */
  disable(): void
}

/**
 * Subscribes to batchgate's diagnostics channels and records metrics and spans.
 *
 * @example
 * ```ts
 * const instrumentation = instrumentBatchgate({ meterProvider, tracerProvider })
 * ```
 */
export function instrumentBatchgate(options: BatchgateInstrumentationOptions = {}): BatchgateInstrumentation {
  throw new Error(`not implemented yet (${Object.keys(options).join()})`)
}
