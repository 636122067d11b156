import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEngine, type Engine } from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'
import { throughputRow, type BenchRow } from '../harness/bench-result.js'
import type { BenchSettings } from '../harness/bench-settings.js'
import { measurePair } from '../harness/measure.js'
import { BENCH_CONTEXT, BENCH_INSTANCE, benchRequest } from '../submit/bench-request.js'
import { telemetryProviders } from './telemetry-providers.js'
import { telemetrySwitch, type TelemetrySwitch } from './telemetry-switch.js'

/** Ids submitted before the duplicate-path comparison, then submitted again round-robin. */
const EXISTING_IDS = 1000
const WHERE = 'SQLite file · 1 in flight · telemetry on'
const BASELINE = 'the same engine with no subscriber on batchgate’s diagnostics channels (telemetry off)'

/**
 * What telemetry costs when it is on: `submit` on a SQLite file (a new id, an existing id) through one
 * engine, with `instrumentBatchgate` subscribed (an SDK `MeterProvider` with a periodic reader, a
 * `BasicTracerProvider` with a `BatchSpanProcessor`) against the same engine with nothing subscribed,
 * alternating round by round. The ratio is the throughput kept with telemetry on. The group fails if
 * the telemetry recorded no `batchgate submit` span or no `batchgate.submissions` metric: a ratio
 * near 1 must not come from telemetry that recorded nothing.
 */
export async function telemetryRows(settings: BenchSettings): Promise<BenchRow[]> {
  const directory = mkdtempSync(join(tmpdir(), 'batchgate-bench-'))
  const providers = telemetryProviders()
  const telemetry = telemetrySwitch(providers)
  try {
    telemetry.off()
    const engine = await createEngine({
      store: sqliteStore({ filename: join(directory, 'store.db') }),
      instanceId: BENCH_INSTANCE,
    })
    try {
      const rows = await measureEngine(engine, telemetry, settings)
      telemetry.off()
      await expectRecorded(providers)
      return rows
    } finally {
      await engine.close()
    }
  } finally {
    telemetry.off()
    await providers.shutdown()
    rmSync(directory, { recursive: true, force: true })
  }
}

/** Both comparisons on `engine`: a new id each call; then ids stored beforehand, round-robin. */
async function measureEngine(
  engine: Engine,
  telemetry: TelemetrySwitch,
  settings: BenchSettings,
): Promise<BenchRow[]> {
  const ids = Array.from({ length: EXISTING_IDS }, () => randomUUID())
  for (const id of ids) await engine.batches.submit(benchRequest(id), BENCH_CONTEXT)
  // The client's request exists before it calls submit.
  const requests = ids.map(benchRequest)
  let next = 0
  const submitNew = (): Promise<unknown> => engine.batches.submit(benchRequest(randomUUID()), BENCH_CONTEXT)
  const submitExisting = (): Promise<unknown> =>
    engine.batches.submit(requests[next++ % requests.length] ?? benchRequest(''), BENCH_CONTEXT)
  return [
    throughputRow(`submit new id · ${WHERE}`, await onAgainstOff(telemetry, submitNew, settings), BASELINE),
    throughputRow(
      `submit existing id · ${WHERE}`,
      await onAgainstOff(telemetry, submitExisting, settings),
      BASELINE,
    ),
  ]
}

/** One call measured with telemetry on (the subject) and off (the baseline). */
function onAgainstOff(
  telemetry: TelemetrySwitch,
  call: () => Promise<unknown>,
  settings: BenchSettings,
): ReturnType<typeof measurePair> {
  return measurePair(
    {
      name: 'telemetry on',
      fn: call,
      beforeAll: () => {
        telemetry.on()
      },
    },
    {
      name: 'telemetry off',
      fn: call,
      beforeAll: () => {
        telemetry.off()
      },
    },
    settings,
  )
}

/** Throws unless the submissions measured with telemetry on reached both exporters. */
async function expectRecorded(providers: ReturnType<typeof telemetryProviders>): Promise<void> {
  const { spans, metrics } = await providers.flush()
  const missing = [
    ...(spans.has('batchgate submit') ? [] : ['the span "batchgate submit"']),
    ...(metrics.has('batchgate.submissions') ? [] : ['the metric batchgate.submissions']),
  ]
  if (missing.length > 0) {
    throw new Error(
      `telemetry on recorded no ${missing.join(' and no ')} (spans: ${JSON.stringify([...spans])}, metrics: ${JSON.stringify([...metrics])})`,
    )
  }
}
