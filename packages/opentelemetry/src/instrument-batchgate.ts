import { AsyncLocalStorage } from 'node:async_hooks'
import {
  createNoopMeter,
  metrics as metricsApi,
  trace,
  type Context,
  type MeterProvider,
  type TracerProvider,
} from '@opentelemetry/api'
import { createInstruments } from './batchgate-instruments.js'
import { subscribeEventMetrics } from './recorders/event-recorders.js'
import { fetchCalls } from './recorders/fetch-calls.js'
import { launchCalls } from './recorders/launch-calls.js'
import { metastoreCalls } from './recorders/metastore-calls.js'
import { requestCalls } from './recorders/request-calls.js'
import { submitCalls } from './recorders/submit-calls.js'
import { subscribeTracedCalls, type TracedCallSinks } from './subscribe-traced-calls.js'
import { INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION } from './version.js'

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
 * Subscribes to every channel of `@batchgate/core/diagnostics` and records batchgate's metrics and
 * spans (see the package's README for their names). Providers are looked up once, here: pass them, or
 * register the global ones before calling. Several instrumentations may run at once (e.g. one per
 * provider); each records every call. Nothing is recorded, and nothing costs, once `disable()` is called.
 *
 * @example
 * ```ts
 * const instrumentation = instrumentBatchgate({ meterProvider, tracerProvider })
 * // ... on shutdown
 * instrumentation.disable()
 * ```
 */
export function instrumentBatchgate(options: BatchgateInstrumentationOptions = {}): BatchgateInstrumentation {
  const metricsOn = options.metrics ?? true
  const tracesOn = options.traces ?? true
  const meter = metricsOn
    ? (options.meterProvider ?? metricsApi.getMeterProvider()).getMeter(
        INSTRUMENTATION_NAME,
        INSTRUMENTATION_VERSION,
      )
    : createNoopMeter()
  const instruments = createInstruments(meter)
  const sinks: TracedCallSinks = {
    // One store for all the tracing channels: a call's span is the parent of the calls made inside it.
    spans: new AsyncLocalStorage<Context>(),
    tracer: tracesOn
      ? (options.tracerProvider ?? trace.getTracerProvider()).getTracer(
          INSTRUMENTATION_NAME,
          INSTRUMENTATION_VERSION,
        )
      : undefined,
    metrics: metricsOn,
  }
  // With neither signal on, subscribe to nothing: the publishers then skip building their messages.
  const unsubscribers =
    metricsOn || tracesOn
      ? [
          subscribeTracedCalls(requestCalls(instruments), sinks),
          subscribeTracedCalls(submitCalls(instruments), sinks),
          subscribeTracedCalls(metastoreCalls(instruments), sinks),
          subscribeTracedCalls(launchCalls(instruments), sinks),
          subscribeTracedCalls(fetchCalls(instruments), sinks),
        ]
      : []
  if (metricsOn) unsubscribers.push(subscribeEventMetrics(instruments))
  let enabled = true
  return {
    disable() {
      if (!enabled) return
      enabled = false
      for (const unsubscribe of unsubscribers) unsubscribe()
      // A store that has run stays enabled (on Node 20 and 22 an async hook on every resource) until
      // disabled: nothing of this instrumentation may cost anything once it is off.
      sinks.spans.disable()
    },
  }
}
