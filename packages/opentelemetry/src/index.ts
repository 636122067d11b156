/**
 * `@batchgate/opentelemetry`: OpenTelemetry metrics and spans for batchgate, recorded from the
 * `node:diagnostics_channel` channels core and the fronts publish on (`@batchgate/core/diagnostics`).
 * It uses `@opentelemetry/api` only: the host brings its SDK, readers and exporters.
 *
 * @example
 * ```ts
 * import { instrumentBatchgate } from '@batchgate/opentelemetry'
 *
 * const instrumentation = instrumentBatchgate() // the global meter and tracer providers
 * // ... later
 * instrumentation.disable()
 * ```
 */
export {
  instrumentBatchgate,
  type BatchgateInstrumentation,
  type BatchgateInstrumentationOptions,
} from './instrument-batchgate.js'
export { METRIC_NAMES } from './metric-names.js'
export { INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION } from './version.js'
