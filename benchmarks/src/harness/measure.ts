import { Bench } from 'tinybench'
import type { BenchSettings } from './bench-settings.js'

/** One side of a comparison: the operation timed, and an untimed step before each call. */
export interface Contender {
  readonly name: string
  readonly fn: () => unknown
  /** Runs before each call, outside the timing (e.g. moving a cursor back into place). */
  readonly beforeEach?: () => void | Promise<void>
  /**
   * Runs before this contender's warm-up and before its calls in every round, outside the timing: for
   * a setting that is process-wide (e.g. telemetry subscribed to the diagnostics channels or not).
   */
  readonly beforeAll?: () => void
}

/** What one contender achieved: its median round's throughput, and that round's latencies. */
export interface Measurement {
  /** Completed calls per second (with several in flight: calls completed per second of wall time). */
  readonly opsPerSecond: number
  /** Mean time of one call in milliseconds. */
  readonly meanMs: number
  readonly p50Ms: number
  readonly p99Ms: number
}

/** How calls are issued. */
export interface MeasureOptions {
  /** Calls in flight at once (tinybench's task concurrency); default 1, one after another. */
  readonly inFlight?: number
  /**
   * Scales the time budget of each round (default 1). tinybench counts only the timed calls against
   * it, so a pair with an untimed step several times longer than the call itself takes a fraction.
   */
  readonly budgetScale?: number
}

/**
 * Measures a subject against its baseline with tinybench, in `settings.rounds` short rounds that
 * alternate the two (and which goes first), so that drift (a WAL checkpoint, the disk's fsync time, a
 * noisy neighbour) falls on both alike. Each contender's figure is its median round; both are warmed
 * up before the first round only.
 *
 * @example
 * ```ts
 * const { subject, baseline } = await measurePair(
 *   { name: 'cursor', fn: () => scan(cursor) },
 *   { name: 'slice', fn: () => sliceAll(rows) },
 *   settings,
 * )
 * ```
 */
export async function measurePair(
  subject: Contender,
  baseline: Contender,
  settings: BenchSettings,
  options: MeasureOptions = {},
): Promise<{ subject: Measurement; baseline: Measurement }> {
  const rounds: { subject: Measurement; baseline: Measurement }[] = []
  for (let round = 0; round < settings.rounds; round++) {
    const order = round % 2 === 0 ? [baseline, subject] : [subject, baseline]
    const measured = await measureRound(order, settings, options, round === 0)
    rounds.push({ subject: required(measured, subject.name), baseline: required(measured, baseline.name) })
  }
  return {
    subject: median(rounds.map((r) => r.subject)),
    baseline: median(rounds.map((r) => r.baseline)),
  }
}

async function measureRound(
  contenders: readonly Contender[],
  settings: BenchSettings,
  options: MeasureOptions,
  warmup: boolean,
): Promise<Map<string, Measurement>> {
  const inFlight = options.inFlight ?? 1
  const concurrent = inFlight > 1
  const scale = options.budgetScale ?? 1
  const bench = new Bench({
    time: settings.taskMs * scale,
    warmup,
    warmupTime: settings.warmupMs * scale,
    throws: true,
    ...(concurrent
      ? { concurrency: 'task', threshold: inFlight, iterations: 0, warmupIterations: 0 }
      : { iterations: 16, warmupIterations: 4 }),
  })
  const wallMs = new Map<string, number>()
  for (const contender of contenders) {
    let started = 0
    bench.add(contender.name, contender.fn, {
      ...(contender.beforeEach === undefined ? {} : { beforeEach: contender.beforeEach }),
      // Wall time of the timed phase: with calls in flight, throughput is calls per wall second.
      beforeAll: (mode) => {
        contender.beforeAll?.()
        if (mode === 'run') started = performance.now()
      },
      afterAll: (mode) => {
        if (mode === 'run') wallMs.set(contender.name, performance.now() - started)
      },
    })
  }
  await bench.run()
  const measured = new Map<string, Measurement>()
  for (const task of bench.tasks) {
    const result = task.result
    if (result.state !== 'completed') {
      const reason = result.state === 'errored' ? result.error : new Error(result.state)
      throw new Error(`benchmark ${task.name} did not complete`, { cause: reason })
    }
    const { latency, period } = result
    const wall = wallMs.get(task.name) ?? Number.NaN
    measured.set(task.name, {
      opsPerSecond: concurrent ? (latency.samplesCount * 1000) / wall : 1000 / period,
      meanMs: latency.mean,
      p50Ms: latency.p50,
      p99Ms: latency.p99,
    })
  }
  return measured
}

function required(measured: Map<string, Measurement>, name: string): Measurement {
  const found = measured.get(name)
  if (found === undefined) throw new Error(`no measurement for ${name}`)
  return found
}

/** The round with the median throughput (the lower middle one for an even count). */
function median(rounds: readonly Measurement[]): Measurement {
  const sorted = [...rounds].sort((a, b) => a.opsPerSecond - b.opsPerSecond)
  const middle = sorted[Math.floor((sorted.length - 1) / 2)]
  if (middle === undefined) throw new Error('no rounds measured')
  return middle
}
