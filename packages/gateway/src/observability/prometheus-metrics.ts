/// <reference types="node" preserve="true" />
import type { IncomingMessage, ServerResponse } from 'node:http'
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus'
import type { Resource } from '@opentelemetry/resources'
import { MeterProvider } from '@opentelemetry/sdk-metrics'

/** The path the Prometheus text is served at. */
export const METRICS_PATH = '/metrics'

/** How long one scrape may take before it is answered 503. */
const SCRAPE_TIMEOUT_MS = 10_000

/** A meter provider whose only reader is a Prometheus exporter that starts no server of its own. */
export interface PrometheusMetrics {
  readonly meterProvider: MeterProvider
  /**
   * Answers `GET` and `HEAD` with the current metrics in Prometheus' text format (405 for any other
   * method, 503 when collecting takes longer than 10 s). The caller routes `/metrics` to it.
   */
  readonly serve: (req: IncomingMessage, res: ServerResponse) => void
  /** Shuts the provider and its exporter down; idempotent. */
  close(): Promise<void>
}

/**
 * A `MeterProvider` with a `PrometheusExporter({ preventServerStart: true })` reader: the gateway serves
 * the exporter's request handler itself, bounded like its other requests.
 *
 * @example
 * ```ts
 * const metrics = prometheusMetrics(gatewayResource(process.env, 'gw-1'))
 * instrumentBatchgate({ meterProvider: metrics.meterProvider })
 * createServer((req, res) => metrics.serve(req, res))
 * ```
 */
export function prometheusMetrics(resource: Resource): PrometheusMetrics {
  const exporter = new PrometheusExporter({ preventServerStart: true })
  const meterProvider = new MeterProvider({ resource, readers: [exporter] })
  let closing: Promise<void> | undefined
  return {
    meterProvider,
    serve(req, res) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' })
        res.end('method not allowed: GET or HEAD /metrics\n')
        return
      }
      const timer = setTimeout(() => {
        // The exporter's later end() on a finished response is a no-op.
        if (!res.headersSent) {
          res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' })
          res.end('metrics collection timed out\n')
        } else {
          res.destroy()
        }
      }, SCRAPE_TIMEOUT_MS)
      res.once('close', () => {
        clearTimeout(timer)
      })
      exporter.getMetricsRequestHandler(req, res)
    },
    close() {
      closing ??= meterProvider.shutdown()
      return closing
    },
  }
}
