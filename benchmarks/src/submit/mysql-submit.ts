import { randomUUID } from 'node:crypto'
import { createEngine, type Engine } from '@batchgate/core'
import { mysqlStore } from '@batchgate/store-mysql'
import { skippedRows, throughputRow, type BenchRow } from '../harness/bench-result.js'
import type { BenchSettings } from '../harness/bench-settings.js'
import { measurePair } from '../harness/measure.js'
import { BENCH_CONTEXT, BENCH_INSTANCE, benchRequest, benchRow } from './bench-request.js'
import { withScratchDatabases } from './mysql-server.js'
import { openRawMysql, type RawMysql } from './raw-mysql.js'

/** Ids submitted before the duplicate-path benchmark, then submitted again round-robin. */
const EXISTING_IDS = 1000
/** The store's default pool size, given to the raw pool too. */
const POOL_SIZE = 10
const IN_FLIGHT = [1, 16] as const
const NO_LOOKUP = 'lookupBeforeInsert false'

const NAMES = [
  ...IN_FLIGHT.flatMap((n) => [
    `submit new id · MariaDB · ${n} in flight`,
    `submit existing id · MariaDB · ${n} in flight`,
  ]),
  ...IN_FLIGHT.map((n) => `submit new id · MariaDB · ${n} in flight · ${NO_LOOKUP}`),
  `submit existing id · MariaDB · 1 in flight · ${NO_LOOKUP}`,
]

const INSERT_LABEL = `mysql2 prepared INSERT of the same row (execute), same pool of ${POOL_SIZE}`
const SELECT_LABEL = 'mysql2 prepared SELECT * by primary key (execute)'

/**
 * `submit` on a MariaDB database against mysql2 on a second scratch database with the same schema
 * (migrated by the store) and the same pool: a new id against the INSERT of the same row, an existing
 * id against a SELECT by primary key; with 1 and 16 calls in flight. Then, for the record, the same
 * with `lookupBeforeInsert: false` (no target): what the lookup's round trip costs a new id, and what
 * leaving it out costs a duplicate.
 */
export function mysqlSubmitRows(settings: BenchSettings): Promise<BenchRow[]> {
  return withScratchDatabases(
    2,
    async ([storeUri = '', rawUri = '']) => {
      const schemaOnly = mysqlStore({ uri: rawUri })
      await schemaOnly.open()
      await schemaOnly.close()
      const engine = await createEngine({
        store: mysqlStore({ uri: storeUri, connectionLimit: POOL_SIZE }),
        instanceId: BENCH_INSTANCE,
      })
      const noLookup = await createEngine({
        store: mysqlStore({ uri: storeUri, connectionLimit: POOL_SIZE }),
        instanceId: BENCH_INSTANCE,
        lookupBeforeInsert: false,
      })
      const raw = openRawMysql(rawUri, POOL_SIZE)
      try {
        const ids = Array.from({ length: EXISTING_IDS }, () => randomUUID())
        for (const id of ids) {
          await engine.batches.submit(benchRequest(id), BENCH_CONTEXT)
          await raw.insert(benchRow(id))
        }
        const bench = new SubmitPairs(settings, raw, ids)
        const rows: BenchRow[] = []
        for (const inFlight of IN_FLIGHT) {
          rows.push(
            await bench.newId(engine, inFlight, `submit new id · MariaDB · ${inFlight} in flight`, 0.85),
            await bench.existingId(
              engine,
              inFlight,
              `submit existing id · MariaDB · ${inFlight} in flight`,
              0.5,
            ),
          )
        }
        for (const inFlight of IN_FLIGHT) {
          rows.push(
            await bench.newId(
              noLookup,
              inFlight,
              `submit new id · MariaDB · ${inFlight} in flight · ${NO_LOOKUP}`,
            ),
          )
        }
        rows.push(
          await bench.existingId(noLookup, 1, `submit existing id · MariaDB · 1 in flight · ${NO_LOOKUP}`),
        )
        return rows
      } finally {
        await raw.close()
        await noLookup.close()
        await engine.close()
      }
    },
    (reason) => skippedRows(NAMES, 'ops/s', reason),
  )
}

/** The two comparisons, for any engine and number in flight. */
class SubmitPairs {
  // The client's request exists before it calls submit, as the id does before the raw SELECT.
  readonly #requests: readonly ReturnType<typeof benchRequest>[]

  constructor(
    private readonly settings: BenchSettings,
    private readonly raw: RawMysql,
    private readonly ids: readonly string[],
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
    return throughputRow(name, measured, INSERT_LABEL, target)
  }

  async existingId(engine: Engine, inFlight: number, name: string, target?: number): Promise<BenchRow> {
    let next = 0
    let nextRaw = 0
    const measured = await measurePair(
      {
        name: 'submit existing id',
        fn: () =>
          engine.batches.submit(this.#requests[next++ % EXISTING_IDS] ?? benchRequest(''), BENCH_CONTEXT),
      },
      { name: 'raw SELECT by id', fn: () => this.raw.select(this.ids[nextRaw++ % EXISTING_IDS] ?? '') },
      this.settings,
      { inFlight },
    )
    return throughputRow(name, measured, SELECT_LABEL, target)
  }
}
