/// <reference types="node" preserve="true" />
import type { Logger } from '@batchgate/core'
import { instrumentBatchgate, type BatchgateInstrumentation } from '@batchgate/opentelemetry'
import { otlpTracing, type OtlpTracing } from './otlp-tracing.js'
import { prometheusMetrics, type PrometheusMetrics } from './prometheus-metrics.js'
import { gatewayResource } from './telemetry-resource.js'

/** Options of {@link startTelemetry}. */
export interface TelemetryOptions {
  /** Record metrics for `GET /metrics` (false with `--metrics-port off`). */
  readonly metrics: boolean
  /** Where `OTEL_*` is read (the exporter itself reads `process.env`). */
  readonly env: NodeJS.ProcessEnv
  /** The engine's instance id: `service.instance.id`. */
  readonly instanceId: string
  readonly logger: Logger
}

/** The gateway's metrics and spans, recorded from batchgate's diagnostics channels. */
export interface GatewayTelemetry {
  /** `undefined` with `--metrics-port off`. */
  readonly metrics: PrometheusMetrics | undefined
  /** `undefined` unless an OTLP endpoint is set. */
  readonly tracing: OtlpTracing | undefined
  /** Unsubscribes, exports the last spans and shuts the providers down; idempotent. */
  close(): Promise<void>
}

/**
 * Starts the gateway's telemetry: a Prometheus-read meter provider unless metrics are off, an OTLP
 * tracer provider when the environment names an endpoint, and `instrumentBatchgate` on both (nothing
 * subscribes when both are off, so the engine's publishers stay on their zero-cost path).
 *
 * @example
 * ```ts
 * const telemetry = startTelemetry({ metrics: true, env: process.env, instanceId: 'gw-1', logger })
 * // ... serve telemetry.metrics?.serve at /metrics
 * await telemetry.close()
 * ```
 */
export function startTelemetry(options: TelemetryOptions): GatewayTelemetry {
  const resource = gatewayResource(options.env, options.instanceId)
  const metrics = options.metrics ? prometheusMetrics(resource) : undefined
  let tracing: OtlpTracing | undefined
  let instrumentation: BatchgateInstrumentation | undefined
  try {
    tracing = otlpTracing(options.env, resource)
    if (tracing !== undefined) {
      // The endpoint without user info or query; the headers (API keys) are never logged.
      options.logger.info({ endpoint: tracing.endpoint }, 'exporting spans over OTLP/HTTP')
    }
    if (metrics !== undefined || tracing !== undefined) {
      instrumentation = instrumentBatchgate({
        meterProvider: metrics?.meterProvider,
        tracerProvider: tracing?.tracerProvider,
        metrics: metrics !== undefined,
        traces: tracing !== undefined,
      })
    }
  } catch (error) {
    void tracing?.close()
    void metrics?.close()
    throw error
  }
  let closing: Promise<void> | undefined
  return {
    metrics,
    tracing,
    close() {
      closing ??= (async () => {
        instrumentation?.disable()
        await Promise.all([tracing?.close(), metrics?.close()])
      })()
      return closing
    },
  }
}
