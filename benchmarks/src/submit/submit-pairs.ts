import { randomUUID } from 'node:crypto'
import type { Engine } from '@batchgate/core'
import { throughputRow, type BenchRow } from '../harness/bench-result.js'
import type { BenchSettings } from '../harness/bench-settings.js'
import { measurePair } from '../harness/measure.js'
import { BENCH_CONTEXT, benchRequest, benchRow } from './bench-request.js'
import { mixedContenders, type RawStatements } from './mixed-workload.js'

/** What each comparison's baseline is, as shown under the table. */
export interface BaselineLabels {
  readonly insert: string
  readonly select: string
  readonly mixed: string
}

/**
 * The submit comparisons of one database, for any engine and number in flight: a new id against the
 * raw INSERT of the same row, an existing id (one of `ids`, stored on both sides) against the raw
 * SELECT by primary key, and the mixed workload against the same mix of raw statements.
 *
 * @example
 * ```ts
 * const pairs = new SubmitPairs(settings, raw, ids, labels)
 * rows.push(await pairs.newId(engine, 16, 'submit new id · MariaDB · 16 in flight', 0.85))
 * ```
 */
export class SubmitPairs {
  // The client's request exists before it calls submit, as the id does before the raw SELECT.
  readonly #requests: readonly ReturnType<typeof benchRequest>[]

  constructor(
    private readonly settings: BenchSettings,
    private readonly raw: RawStatements,
    private readonly ids: readonly string[],
    private readonly labels: BaselineLabels,
  ) {
    this.#requests = ids.map(benchRequest)
  }

  async newId(engine: Engine, inFlight: number, name: string, target?: number): Promise<BenchRow> {
    const measured = await measurePair(
      { name: 'submit new id', fn: () => engine.batches.submit(benchRequest(randomUUID()), BENCH_CONTEXT) },
      { name: 'raw INSERT', fn: () => this.raw.insert(benchRow(randomUUID())) },
      this.settings,
      { inFlight },
    )
    return throughputRow(name, measured, this.labels.insert, target)
  }

  async existingId(engine: Engine, inFlight: number, name: string, target?: number): Promise<BenchRow> {
    const count = this.ids.length
    let next = 0
    let nextRaw = 0
    const measured = await measurePair(
      {
        name: 'submit existing id',
        fn: () => engine.batches.submit(this.#requests[next++ % count] ?? benchRequest(''), BENCH_CONTEXT),
      },
      { name: 'raw SELECT by id', fn: () => this.raw.select(this.ids[nextRaw++ % count] ?? '') },
      this.settings,
      { inFlight },
    )
    return throughputRow(name, measured, this.labels.select, target)
  }

  async mixed(engine: Engine, name: string): Promise<BenchRow> {
    const [subject, baseline] = mixedContenders(engine, this.raw, this.ids)
    return throughputRow(name, await measurePair(subject, baseline, this.settings), this.labels.mixed)
  }
}
