import type { Counter, Histogram, Meter, UpDownCounter } from '@opentelemetry/api'
import {
  DB_OPERATION_SECONDS,
  FETCH_SECONDS,
  LAUNCH_SECONDS,
  REQUEST_SECONDS,
  SUBMISSION_SECONDS,
} from './bucket-boundaries.js'
import { METRIC_NAMES } from './metric-names.js'

/** Every instrument `instrumentBatchgate` records to, created once per instrumentation. */
export interface BatchgateInstruments {
  readonly submissions: Counter
  readonly submissionDuration: Histogram
  readonly metastoreDuration: Histogram
  readonly metastoreRetries: Counter
  readonly launches: Counter
  readonly launchDuration: Histogram
  readonly fetchRows: Counter
  readonly fetchDuration: Histogram
  readonly httpServerDuration: Histogram
  readonly rpcServerDuration: Histogram
  readonly sessionsOpen: UpDownCounter
  readonly operationsOpen: UpDownCounter
  readonly operations: Counter
  readonly leaseLost: Counter
  readonly adoptions: Counter
}

/**
 * Creates batchgate's instruments on `meter`: durations in seconds with explicit bucket advice,
 * counts with UCUM annotations (`{submission}`, `{row}`, ...).
 *
 * @example
 * ```ts
 * const instruments = createInstruments(meterProvider.getMeter(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION))
 * ```
 */
export function createInstruments(meter: Meter): BatchgateInstruments {
  const seconds = (name: string, description: string, boundaries: readonly number[]): Histogram =>
    meter.createHistogram(name, {
      unit: 's',
      description,
      advice: { explicitBucketBoundaries: [...boundaries] },
    })
  return {
    submissions: meter.createCounter(METRIC_NAMES.submissions, {
      unit: '{submission}',
      description: 'Batch submissions, by outcome (created, duplicate, conflict, invalid, failed).',
    }),
    submissionDuration: seconds(
      METRIC_NAMES.submissionDuration,
      'Duration of batch submissions.',
      SUBMISSION_SECONDS,
    ),
    metastoreDuration: seconds(
      METRIC_NAMES.metastoreDuration,
      'Duration of metastore calls (database client operations), retries included.',
      DB_OPERATION_SECONDS,
    ),
    metastoreRetries: meter.createCounter(METRIC_NAMES.metastoreRetries, {
      unit: '{retry}',
      description:
        'Metastore calls tried again after a transient failure (busy file, deadlock, lost connection).',
    }),
    launches: meter.createCounter(METRIC_NAMES.launches, {
      unit: '{launch}',
      description: 'Launcher calls that settled, by outcome (finished, failed, canceled, fenced).',
    }),
    launchDuration: seconds(METRIC_NAMES.launchDuration, 'Duration of launcher calls.', LAUNCH_SECONDS),
    fetchRows: meter.createCounter(METRIC_NAMES.fetchRows, {
      unit: '{row}',
      description: 'Rows answered by fetches of operation results.',
    }),
    fetchDuration: seconds(
      METRIC_NAMES.fetchDuration,
      'Duration of fetches of operation results.',
      FETCH_SECONDS,
    ),
    httpServerDuration: seconds(
      METRIC_NAMES.httpServerDuration,
      'Duration of HTTP server requests (Kyuubi REST front).',
      REQUEST_SECONDS,
    ),
    rpcServerDuration: seconds(
      METRIC_NAMES.rpcServerDuration,
      'Duration of incoming RPCs (HiveServer2 Thrift front).',
      REQUEST_SECONDS,
    ),
    sessionsOpen: meter.createUpDownCounter(METRIC_NAMES.sessionsOpen, {
      unit: '{session}',
      description: 'Sessions open on this instance.',
    }),
    operationsOpen: meter.createUpDownCounter(METRIC_NAMES.operationsOpen, {
      unit: '{operation}',
      description: 'Operations started and not yet closed on this instance.',
    }),
    operations: meter.createCounter(METRIC_NAMES.operations, {
      unit: '{operation}',
      description: 'Operations that ended, by final state.',
    }),
    leaseLost: meter.createCounter(METRIC_NAMES.leaseLost, {
      unit: '{lease}',
      description: "Times this instance's lease was lost.",
    }),
    adoptions: meter.createCounter(METRIC_NAMES.adoptions, {
      unit: '{batch}',
      description: 'Batches of a lost instance adopted here (RUNNING) or put back in the queue (PENDING).',
    }),
  }
}
