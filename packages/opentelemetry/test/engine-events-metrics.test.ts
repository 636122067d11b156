import { SpanStatusCode } from '@opentelemetry/api'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  cursorFromArray,
  FetchOrientation,
  HiveType,
  type BatchLauncher,
  type ResultRow,
  type StatementExecutor,
} from '@batchgate/core'
import { waitUntil } from '@batchgate/testkit'
import { instrumentBatchgate, METRIC_NAMES, type BatchgateInstrumentation } from '../src/index.js'
import { engineOnSqlite } from './helpers/engine-on-sqlite.js'
import { inMemoryTelemetry, sumOf, type InMemoryTelemetry } from './helpers/in-memory-telemetry.js'

const alice = { user: 'alice' }

/** A launcher whose job fails, as a spark-submit exiting 1 would. */
const failingLauncher: BatchLauncher = {
  launch: () => Promise.reject(new Error('spark-submit exited with 1')),
}

/** Answers every statement with `count` rows of one BIGINT column. */
function rowsExecutor(count: number): StatementExecutor {
  const rows: ResultRow[] = Array.from({ length: count }, (_, index) => [index])
  return {
    execute: () =>
      Promise.resolve({ columns: [{ name: 'id', type: HiveType.BIGINT }], cursor: cursorFromArray(rows) }),
  }
}

describe('instrumentBatchgate on launches, fetches, sessions and operations', () => {
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

  it('counts a launcher that rejects as a failed launch, its span an error naming the error class only', async () => {
    const { engine } = await engineOnSqlite({ launchers: { SPARK: failingLauncher } })
    const batch = await engine.batches.submit({ batchType: 'SPARK', resource: 'hdfs:///app.jar' }, alice)
    await waitUntil(
      () => telemetry.spans().some((span) => span.name === 'batchgate launch'),
      10_000,
      'the launch span',
    )

    const launches = await telemetry.points(METRIC_NAMES.launches)
    expect(launches.map((point) => [point.attributes, point.value])).toEqual([
      [
        {
          'batchgate.batch.type': 'SPARK',
          'batchgate.launch.mode': 'launch',
          'batchgate.launch.outcome': 'failed',
        },
        1,
      ],
    ])
    expect(
      sumOf(await telemetry.points(METRIC_NAMES.launchDuration), { 'batchgate.launch.outcome': 'failed' }),
    ).toBe(1)
    const launch = telemetry.spans().find((span) => span.name === 'batchgate launch')
    // The error's class only: a launcher's message may quote its job's output.
    expect(launch?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'Error' })
    expect(launch?.attributes).toMatchObject({
      'batchgate.batch.id': batch.id,
      'batchgate.launch.outcome': 'failed',
      'error.type': 'Error',
    })
    expect(launch?.events).toEqual([])
    expect(JSON.stringify(launch?.attributes)).not.toContain('spark-submit exited')
    // The launch runs inside the submission that started it.
    const submit = telemetry.spans().find((span) => span.name === 'batchgate submit')
    expect(launch?.parentSpanContext?.spanId).toBe(submit?.spanContext().spanId)
  })

  it('counts the rows fetches answered, the sessions and operations open, and how operations ended', async () => {
    const { engine } = await engineOnSqlite({ statementExecutor: rowsExecutor(7) })
    const session = await engine.sessions.open({}, alice)
    const operation = await engine.sessions.executeStatement(
      session.handle,
      { statement: 'SELECT id FROM t' },
      alice,
    )
    const first = await engine.operations.fetch(operation, FetchOrientation.FETCH_NEXT, 5, undefined, alice)
    const second = await engine.operations.fetch(operation, FetchOrientation.FETCH_NEXT, 5, undefined, alice)
    const again = await engine.operations.fetch(operation, FetchOrientation.FETCH_FIRST, 3, undefined, alice)
    expect([first.rows.length, second.rows.length, again.rows.length]).toEqual([5, 2, 3])

    const rows = await telemetry.points(METRIC_NAMES.fetchRows)
    expect(sumOf(rows, { 'batchgate.fetch.orientation': 'FETCH_NEXT' })).toBe(7)
    expect(sumOf(rows, { 'batchgate.fetch.orientation': 'FETCH_FIRST' })).toBe(3)
    expect(sumOf(await telemetry.points(METRIC_NAMES.fetchDuration))).toBe(3)
    const fetches = telemetry.spans().filter((span) => span.name === 'batchgate fetch')
    expect(fetches.map((span) => span.attributes['batchgate.fetch.rows'])).toEqual([5, 2, 3])

    expect(sumOf(await telemetry.points(METRIC_NAMES.sessionsOpen))).toBe(1)
    expect(sumOf(await telemetry.points(METRIC_NAMES.operationsOpen))).toBe(1)
    expect(await telemetry.points(METRIC_NAMES.operations)).toEqual([
      expect.objectContaining({ attributes: { 'batchgate.operation.state': 'FINISHED' }, value: 1 }),
    ])
    await engine.sessions.close(session.handle, alice)
    expect(sumOf(await telemetry.points(METRIC_NAMES.sessionsOpen))).toBe(0)
    expect(sumOf(await telemetry.points(METRIC_NAMES.operationsOpen))).toBe(0)
  })

  it('names a fetch refused for the client an error type, not an error', async () => {
    const { engine } = await engineOnSqlite({ statementExecutor: rowsExecutor(1) })
    await expect(
      engine.operations.fetch(
        '00000000-0000-0000-0000-000000000000',
        FetchOrientation.FETCH_NEXT,
        5,
        undefined,
        alice,
      ),
    ).rejects.toMatchObject({ code: 'OPERATION_NOT_FOUND' })
    const [fetch] = telemetry.spans().filter((span) => span.name === 'batchgate fetch')
    expect(fetch?.status.code).toBe(SpanStatusCode.UNSET)
    expect(fetch?.attributes['error.type']).toBe('OPERATION_NOT_FOUND')
    expect(
      sumOf(await telemetry.points(METRIC_NAMES.fetchDuration), { 'error.type': 'OPERATION_NOT_FOUND' }),
    ).toBe(1)
  })
})
