/// <reference types="node" preserve="true" />
import { context } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import type { Resource } from '@opentelemetry/resources'
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base'

/** The longest `close()` waits for the last spans to be exported (a dead collector must not hold it). */
const FLUSH_BOUND_MS = 10_000

/** Spans exported over OTLP/HTTP. */
export interface OtlpTracing {
  readonly tracerProvider: BasicTracerProvider
  /** Where spans go, for a log line: the endpoint's origin and path, never its user info or query. */
  readonly endpoint: string
  /** Exports the spans still buffered, shuts the provider down, and unregisters the context manager. */
  close(): Promise<void>
}

/**
 * Whether the environment asks for OTLP trace export: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_ENDPOINT` set, and neither `OTEL_SDK_DISABLED=true` nor `OTEL_TRACES_EXPORTER=none`.
 *
 * @example
 * ```ts
 * otlpTracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }) // 'http://collector:4318/v1/traces'
 * ```
 */
export function otlpTracesEndpoint(env: NodeJS.ProcessEnv): string | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined
  if (env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === 'none') return undefined
  const specific = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim()
  if (specific !== undefined && specific !== '') return specific
  const general = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim()
  if (general !== undefined && general !== '') return `${general.replace(/\/+$/, '')}/v1/traces`
  return undefined
}

/**
 * A tracer provider exporting over OTLP/HTTP (JSON) when the environment asks for it
 * ({@link otlpTracesEndpoint}); `undefined` otherwise, and then no span is recorded at all. The exporter
 * reads its endpoint, headers (`OTEL_EXPORTER_OTLP_HEADERS`, which may carry an API key: never logged),
 * timeout and compression from the environment as the OpenTelemetry specification says. Every span is
 * recorded (SDK 2's provider reads no sampler from the environment).
 *
 * Spans nest (REST request, then submit, then the metastore call) through the active context, so an
 * `AsyncLocalStorageContextManager` is registered as the global context manager unless the host already
 * registered one; it is unregistered on close when it was this function's.
 *
 * @example
 * ```ts
 * const tracing = otlpTracing(process.env, gatewayResource(process.env, 'gw-1'))
 * instrumentBatchgate({ meterProvider, tracerProvider: tracing?.tracerProvider })
 * await tracing?.close()
 * ```
 */
export function otlpTracing(env: NodeJS.ProcessEnv, resource: Resource): OtlpTracing | undefined {
  const endpoint = otlpTracesEndpoint(env)
  if (endpoint === undefined) return undefined
  const tracerProvider = new BasicTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  })
  const contextManager = new AsyncLocalStorageContextManager()
  const registered = context.setGlobalContextManager(contextManager.enable())
  if (!registered) contextManager.disable()
  let closing: Promise<void> | undefined
  return {
    tracerProvider,
    endpoint: printable(endpoint),
    close() {
      closing ??= (async () => {
        try {
          await withinBound(tracerProvider.shutdown(), FLUSH_BOUND_MS)
        } finally {
          if (registered) context.disable()
        }
      })()
      return closing
    },
  }
}

function printable(endpoint: string): string {
  try {
    const url = new URL(endpoint)
    return `${url.origin}${url.pathname}`
  } catch {
    return '(not a URL)'
  }
}

async function withinBound(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      work,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms)
        timer.unref()
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}
