import type { Attributes } from '@opentelemetry/api'
import { MeterProvider, MetricReader, type DataPoint, type MetricData } from '@opentelemetry/sdk-metrics'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base'

/** A pull reader: the test collects when it wants to look. */
class CollectingReader extends MetricReader {
  protected override onShutdown(): Promise<void> {
    return Promise.resolve()
  }
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve()
  }
}

/** One recorded point of a metric: its attributes and its value (a sum, or a histogram's count and sum). */
export interface RecordedPoint {
  readonly attributes: Attributes
  readonly value: number
  /** Histograms: how many values were recorded. */
  readonly count?: number
}

/** The real OpenTelemetry SDK, in memory: a MeterProvider with a reader, a tracer provider with an exporter. */
export interface InMemoryTelemetry {
  readonly meterProvider: MeterProvider
  readonly tracerProvider: BasicTracerProvider
  /** Every metric collected now. */
  metrics(): Promise<MetricData[]>
  /** The points of metric `name` collected now (empty when it has none). */
  points(name: string): Promise<RecordedPoint[]>
  /** The ended spans. */
  spans(): ReadableSpan[]
  shutdown(): Promise<void>
}

/**
 * Real SDK providers with in-memory readers and exporters, never registered as globals.
 *
 * @example
 * ```ts
 * const telemetry = inMemoryTelemetry()
 * instrumentBatchgate({ meterProvider: telemetry.meterProvider, tracerProvider: telemetry.tracerProvider })
 * ```
 */
export function inMemoryTelemetry(): InMemoryTelemetry {
  const reader = new CollectingReader()
  const meterProvider = new MeterProvider({ readers: [reader] })
  const exporter = new InMemorySpanExporter()
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })
  const metrics = async (): Promise<MetricData[]> => {
    const { resourceMetrics } = await reader.collect()
    return resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics)
  }
  return {
    meterProvider,
    tracerProvider,
    metrics,
    async points(name) {
      const metric = (await metrics()).find((candidate) => candidate.descriptor.name === name)
      if (metric === undefined) return []
      return (metric.dataPoints as DataPoint<unknown>[]).map((point) => toRecorded(point))
    },
    spans: () => exporter.getFinishedSpans(),
    async shutdown() {
      await meterProvider.shutdown()
      await tracerProvider.shutdown()
    },
  }
}

function toRecorded(point: DataPoint<unknown>): RecordedPoint {
  const value = point.value
  if (typeof value === 'number') return { attributes: point.attributes, value }
  const histogram = value as { sum?: number; count: number }
  return { attributes: point.attributes, value: histogram.sum ?? 0, count: histogram.count }
}

/** The total of the points whose attributes include `match`: a counter's sum, a histogram's count. */
export function sumOf(points: readonly RecordedPoint[], match: Attributes = {}): number {
  return points
    .filter((point) => Object.entries(match).every(([key, value]) => point.attributes[key] === value))
    .reduce((total, point) => total + (point.count ?? point.value), 0)
}
