import { randomUUID } from 'node:crypto'
import { SpanKind, SpanStatusCode } from '@opentelemetry/api'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ErrorCode, KYUUBI_BATCH_ID_KEY, type BatchRequest } from '@batchgate/core'
import {
  fetchChannel,
  launchChannel,
  leaseChannel,
  metastoreChannel,
  operationChannel,
  requestChannel,
  sessionChannel,
  submitChannel,
} from '@batchgate/core/diagnostics'
import { RecordingLauncher } from '@batchgate/testkit'
import { instrumentBatchgate, METRIC_NAMES, type BatchgateInstrumentation } from '../src/index.js'
import { engineOnSqlite } from './helpers/engine-on-sqlite.js'
import { inMemoryTelemetry, sumOf, type InMemoryTelemetry } from './helpers/in-memory-telemetry.js'
import { holdWriteLock } from './helpers/sqlite-lock.js'

const alice = { user: 'alice' }

const CHANNELS = [
  submitChannel,
  metastoreChannel,
  launchChannel,
  fetchChannel,
  requestChannel,
  sessionChannel,
  operationChannel,
  leaseChannel,
]

function requestWithId(id: string, resource = 'hdfs:///jobs/app.jar'): BatchRequest {
  return { batchType: 'SPARK', resource, conf: { [KYUUBI_BATCH_ID_KEY]: id } }
}

describe('instrumentBatchgate on submissions and metastore calls', () => {
  let telemetry: InMemoryTelemetry
  let instrumentation: BatchgateInstrumentation

  beforeEach(() => {
    telemetry = inMemoryTelemetry()
    instrumentation = instrumentBatchgate({
      meterProvider: telemetry.meterProvider,
      tracerProvider: telemetry.tracerProvider,
    })
  })
  afterEach(async () => {
    instrumentation.disable()
    await telemetry.shutdown()
  })

  it('counts a new id, a duplicate, a conflict and an invalid request by outcome and error type', async () => {
    // No lookup before the insert: a duplicate is recognised by the store's DUPLICATE_KEY.
    const { engine } = await engineOnSqlite({
      launchers: { SPARK: new RecordingLauncher() },
      lookupBeforeInsert: false,
    })
    const id = randomUUID()
    await engine.batches.submit(requestWithId(id), alice)
    await engine.batches.submit(requestWithId(id), alice)
    await expect(engine.batches.submit(requestWithId(id, 'hdfs:///other.jar'), alice)).rejects.toMatchObject({
      code: ErrorCode.BATCH_ID_CONFLICT,
    })
    await expect(engine.batches.submit(requestWithId('not-a-uuid'), alice)).rejects.toMatchObject({
      code: ErrorCode.INVALID_BATCH_ID,
    })

    const submissions = await telemetry.points(METRIC_NAMES.submissions)
    expect(submissions.map((point) => [point.attributes, point.value])).toEqual(
      expect.arrayContaining([
        [{ 'batchgate.submit.outcome': 'created', 'batchgate.batch.type': 'SPARK' }, 1],
        [{ 'batchgate.submit.outcome': 'duplicate', 'batchgate.batch.type': 'SPARK' }, 1],
        [
          // No batch type on a refusal: it is whatever the client sent (unbounded series).
          { 'batchgate.submit.outcome': 'conflict', 'error.type': 'BATCH_ID_CONFLICT' },
          1,
        ],
        [{ 'batchgate.submit.outcome': 'invalid', 'error.type': 'INVALID_BATCH_ID' }, 1],
      ]),
    )
    expect(sumOf(submissions)).toBe(4)
    const durations = await telemetry.points(METRIC_NAMES.submissionDuration)
    expect(sumOf(durations)).toBe(4)
    expect(sumOf(durations, { 'batchgate.submit.outcome': 'duplicate' })).toBe(1)

    const inserts = await telemetry.points(METRIC_NAMES.metastoreDuration)
    expect(sumOf(inserts, { 'db.system.name': 'sqlite', 'db.operation.name': 'insertBatch' })).toBe(3)
    expect(
      sumOf(inserts, { 'db.operation.name': 'insertBatch', 'error.type': ErrorCode.DUPLICATE_KEY }),
    ).toBe(2)

    // Spans: only faults are errors; a duplicate's DUPLICATE_KEY insert is named but not an error.
    const spans = telemetry.spans()
    const submits = spans.filter((span) => span.name === 'batchgate submit')
    expect(
      submits.map((span) => [span.kind, span.status.code, span.attributes['batchgate.submit.outcome']]),
    ).toEqual([
      [SpanKind.INTERNAL, SpanStatusCode.UNSET, 'created'],
      [SpanKind.INTERNAL, SpanStatusCode.UNSET, 'duplicate'],
      [SpanKind.INTERNAL, SpanStatusCode.UNSET, 'conflict'],
      [SpanKind.INTERNAL, SpanStatusCode.UNSET, 'invalid'],
    ])
    const duplicateInsert = spans.find(
      (span) =>
        span.name === 'insertBatch' && span.parentSpanContext?.spanId === submits[1]?.spanContext().spanId,
    )
    expect(duplicateInsert).toMatchObject({
      kind: SpanKind.CLIENT,
      status: { code: SpanStatusCode.UNSET },
      attributes: expect.objectContaining({
        'db.system.name': 'sqlite',
        'db.operation.name': 'insertBatch',
        'error.type': ErrorCode.DUPLICATE_KEY,
      }) as unknown,
    })
  })

  it('counts the retries of an insert that found the file locked by another connection', async () => {
    // A busy statement answers at once (1 ms), so the store retries through retryTransient.
    const { engine, filename } = await engineOnSqlite(
      { launchers: { SPARK: new RecordingLauncher() } },
      { busyTimeoutMs: 1 },
    )
    await engine.batches.submit(requestWithId(randomUUID()), alice)
    const released = holdWriteLock(filename, 100)
    await engine.batches.submit(requestWithId(randomUUID()), alice)
    await released

    const retries = await telemetry.points(METRIC_NAMES.metastoreRetries)
    expect(
      sumOf(retries, { 'db.system.name': 'sqlite', 'db.operation.name': 'insertBatch' }),
    ).toBeGreaterThan(0)
    const insert = telemetry.spans().filter((span) => span.name === 'insertBatch')[1]
    expect(insert?.attributes['batchgate.metastore.attempts']).toBeGreaterThan(1)
    expect(insert?.status.code).toBe(SpanStatusCode.UNSET)
  })

  it('records nothing once disabled, and disabling again does nothing', async () => {
    const { engine } = await engineOnSqlite({ launchers: { SPARK: new RecordingLauncher() } })
    await engine.batches.submit(requestWithId(randomUUID()), alice)
    expect(CHANNELS.map((channel) => channel.hasSubscribers)).toEqual(CHANNELS.map(() => true))
    instrumentation.disable()
    instrumentation.disable()
    await engine.batches.submit(requestWithId(randomUUID()), alice)
    expect(sumOf(await telemetry.points(METRIC_NAMES.submissions))).toBe(1)
    expect(telemetry.spans().filter((span) => span.name === 'batchgate submit')).toHaveLength(1)
    // Nothing left subscribed: the publishers are back on their path without diagnostics.
    expect(CHANNELS.map((channel) => channel.hasSubscribers)).toEqual(CHANNELS.map(() => false))
  })

  it('subscribes to nothing with neither metrics nor traces', () => {
    instrumentation.disable()
    const idle = instrumentBatchgate({ metrics: false, traces: false })
    expect(CHANNELS.map((channel) => channel.hasSubscribers)).toEqual(CHANNELS.map(() => false))
    idle.disable()
  })

  it('lets two instrumentations record at once, each its own spans and metrics', async () => {
    const second = inMemoryTelemetry()
    const other = instrumentBatchgate({
      meterProvider: second.meterProvider,
      tracerProvider: second.tracerProvider,
    })
    try {
      const { engine } = await engineOnSqlite({ launchers: { SPARK: new RecordingLauncher() } })
      await engine.batches.submit(requestWithId(randomUUID()), alice)
      for (const each of [telemetry, second]) {
        expect(
          sumOf(await each.points(METRIC_NAMES.submissions), { 'batchgate.submit.outcome': 'created' }),
        ).toBe(1)
        const spans = each.spans()
        const submit = spans.find((span) => span.name === 'batchgate submit')
        const insert = spans.find((span) => span.name === 'insertBatch')
        // Each tree is whole: the insert's parent is this instrumentation's own submit span.
        expect(insert?.parentSpanContext?.spanId).toBe(submit?.spanContext().spanId)
      }
      other.disable()
      await engine.batches.submit(requestWithId(randomUUID()), alice)
      expect(sumOf(await telemetry.points(METRIC_NAMES.submissions))).toBe(2)
      expect(sumOf(await second.points(METRIC_NAMES.submissions))).toBe(1)
    } finally {
      other.disable()
      await second.shutdown()
    }
  })
})
