/**
 * The names of the metrics `instrumentBatchgate` records, OpenTelemetry's (dots; a Prometheus exporter
 * turns them into `batchgate_submissions_total`, `db_client_operation_duration`, ...). They are
 * public API: dashboards and alerts are written against them.
 *
 * @example
 * ```ts
 * import { METRIC_NAMES } from '@batchgate/opentelemetry'
 * const submissions = collected.find((metric) => metric.descriptor.name === METRIC_NAMES.submissions)
 * ```
 */
export const METRIC_NAMES = Object.freeze({
  /** Counter `{submission}`: every `engine.batches.submit`, by outcome. */
  submissions: 'batchgate.submissions',
  /** Histogram `s`: how long a submission took, by outcome. */
  submissionDuration: 'batchgate.submission.duration',
  /** Histogram `s` (OpenTelemetry's database convention): every metastore call. */
  metastoreDuration: 'db.client.operation.duration',
  /** Counter `{retry}`: transient failures the store retried (attempts - 1 per call). */
  metastoreRetries: 'batchgate.metastore.retries',
  /** Counter `{launch}`: launcher calls, by how they ended. */
  launches: 'batchgate.launches',
  /** Histogram `s`: how long a launcher call ran. */
  launchDuration: 'batchgate.launch.duration',
  /** Counter `{row}`: rows answered by fetches. */
  fetchRows: 'batchgate.fetch.rows',
  /** Histogram `s`: how long a fetch took. */
  fetchDuration: 'batchgate.fetch.duration',
  /** Histogram `s` (OpenTelemetry's HTTP convention): requests to the Kyuubi REST front. */
  httpServerDuration: 'http.server.request.duration',
  /** Histogram `s` (OpenTelemetry's RPC convention): calls to the HiveServer2 Thrift front. */
  rpcServerDuration: 'rpc.server.call.duration',
  /** Up-down counter `{session}`: sessions open on this instance. */
  sessionsOpen: 'batchgate.sessions.open',
  /** Up-down counter `{operation}`: operations open (started, not yet closed) on this instance. */
  operationsOpen: 'batchgate.operations.open',
  /** Counter `{operation}`: operations that ended, by final state. */
  operations: 'batchgate.operations',
  /** Counter `{lease}`: times this instance lost its lease. */
  leaseLost: 'batchgate.lease.lost',
  /** Counter `{batch}`: batches of a lost instance adopted (RUNNING) or requeued (PENDING) here. */
  adoptions: 'batchgate.adoptions',
} as const)
