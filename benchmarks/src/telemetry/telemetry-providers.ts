import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics'
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  InMemorySpanExporter,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base'

/** How often the metric reader collects and exports while the benchmark runs. */
const METRIC_EXPORT_MS = 1000

/** The SDK a host would run: real providers, a reader and a batching span processor. */
export interface TelemetryProviders {
  readonly meterProvider: MeterProvider
  readonly tracerProvider: BasicTracerProvider
  /**
   * Flushes both and says what reached the exporters: spans by name, metric names. A benchmark whose
   * telemetry recorded nothing measured nothing, so the group checks this.
   */
  flush(): Promise<{ readonly spans: ReadonlyMap<string, number>; readonly metrics: ReadonlySet<string> }>
  shutdown(): Promise<void>
}

/**
 * A `MeterProvider` whose `PeriodicExportingMetricReader` collects every second into an in-memory
 * exporter (emptied on each flush), and a `BasicTracerProvider` whose `BatchSpanProcessor` exports to
 * an exporter that only counts spans by name (so memory stays flat however many submissions run).
 *
 * @example
 * ```ts
 * const providers = telemetryProviders()
 * const instrumentation = instrumentBatchgate(providers)
 * ```
 */
export function telemetryProviders(): TelemetryProviders {
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE)
  const meterProvider = new MeterProvider({
    readers: [
      new PeriodicExportingMetricReader({
        exporter: metricExporter,
        exportIntervalMillis: METRIC_EXPORT_MS,
        exportTimeoutMillis: METRIC_EXPORT_MS,
      }),
    ],
  })
  const spans = new Map<string, number>()
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new BatchSpanProcessor(new CountingSpanExporter(spans))],
  })
  return {
    meterProvider,
    tracerProvider,
    async flush() {
      await Promise.all([meterProvider.forceFlush(), tracerProvider.forceFlush()])
      const metrics = new Set(
        metricExporter
          .getMetrics()
          .flatMap((resource) => resource.scopeMetrics)
          .flatMap((scope) => scope.metrics)
          .map((metric) => metric.descriptor.name),
      )
      metricExporter.reset()
      return { spans: new Map(spans), metrics }
    },
    async shutdown() {
      await Promise.all([meterProvider.shutdown(), tracerProvider.shutdown()])
    },
  }
}

/**
 * An exporter that counts the spans by name and keeps none: the in-memory exporter's answer (success),
 * given an empty list to store.
 */
class CountingSpanExporter extends InMemorySpanExporter {
  constructor(private readonly counts: Map<string, number>) {
    super()
  }

  override export(spans: ReadableSpan[], done: Parameters<InMemorySpanExporter['export']>[1]): void {
    for (const span of spans) this.counts.set(span.name, (this.counts.get(span.name) ?? 0) + 1)
    super.export([], done)
  }
}
