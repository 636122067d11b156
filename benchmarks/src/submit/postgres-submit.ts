import { randomUUID } from 'node:crypto'
import { createEngine, type Engine } from '@batchgate/core'
import { postgresStore } from '@batchgate/store-postgres'
import { skippedRows, type BenchRow } from '../harness/bench-result.js'
import type { BenchSettings } from '../harness/bench-settings.js'
import { BENCH_CONTEXT, BENCH_INSTANCE, benchRequest, benchRow } from './bench-request.js'
import { ALWAYS, MIXED, MIXED_MODES, NEVER } from './mixed-workload.js'
import { pgBossNames, pgBossRows } from './pg-boss-peer.js'
import { POSTGRES_URI, withScratchSchemas } from './postgres-server.js'
import { openRawPostgres } from './raw-postgres.js'
import { SubmitPairs, type BaselineLabels } from './submit-pairs.js'

/** Ids submitted before the duplicate-path benchmark, then submitted again round-robin. */
const EXISTING_IDS = 1000
/** The store's default pool size, given to the raw pool too. */
const POOL_SIZE = 10
const IN_FLIGHT = [1, 16] as const

const NAMES = [
  ...IN_FLIGHT.flatMap((n) => [
    `submit new id · PostgreSQL · ${n} in flight`,
    `submit existing id · PostgreSQL · ${n} in flight`,
  ]),
  ...IN_FLIGHT.map((n) => `submit new id · PostgreSQL · ${n} in flight${ALWAYS}`),
  `submit existing id · PostgreSQL · 1 in flight${NEVER}`,
  ...MIXED_MODES.map(([, mode]) => `submit ${MIXED} · PostgreSQL · 1 in flight${mode}`),
  ...pgBossNames(IN_FLIGHT),
]

const LABELS: BaselineLabels = {
  insert: `pg prepared INSERT of the same row (named query), same pool of ${POOL_SIZE}`,
  select: 'pg prepared SELECT * by primary key (named query)',
  mixed: 'the same mix of pg prepared INSERTs and SELECTs, each id given the one statement it needs',
}

/**
 * `submit` on a PostgreSQL schema against pg on a second scratch schema of the same database, with the
 * same tables (migrated by the store) and the same pool: a new id against the INSERT of the same row,
 * an existing id against a SELECT by primary key; with 1 and 16 calls in flight, on an engine with the
 * default (adaptive) lookup. Then, for the record (no target): the lookup forced on and off, where each
 * costs, and a mixed workload where one submission in ten is a retry. Last, the peer: pg-boss's
 * deduplicated `send` on a third schema (see pg-boss-peer.ts).
 */
export function postgresSubmitRows(settings: BenchSettings): Promise<BenchRow[]> {
  return withScratchSchemas(
    3,
    async ([storeSchema = '', rawSchema = '', bossSchema = '']) => {
      const schemaOnly = postgresStore({ connectionString: POSTGRES_URI, schema: rawSchema })
      await schemaOnly.open()
      await schemaOnly.close()
      const engines: Engine[] = []
      const raw = openRawPostgres(POSTGRES_URI, rawSchema, POOL_SIZE)
      try {
        for (const [lookupBeforeInsert] of MIXED_MODES) {
          const store = postgresStore({ connectionString: POSTGRES_URI, schema: storeSchema, max: POOL_SIZE })
          engines.push(await createEngine({ store, instanceId: BENCH_INSTANCE, lookupBeforeInsert }))
        }
        const [adaptive, always, never] = engines
        if (adaptive === undefined || always === undefined || never === undefined)
          throw new Error('no engine')
        const ids = Array.from({ length: EXISTING_IDS }, () => randomUUID())
        for (const id of ids) {
          await adaptive.batches.submit(benchRequest(id), BENCH_CONTEXT)
          await raw.insert(benchRow(id))
        }
        const bench = new SubmitPairs(settings, raw, ids, LABELS)
        const rows: BenchRow[] = []
        for (const inFlight of IN_FLIGHT) {
          const where = `PostgreSQL · ${inFlight} in flight`
          rows.push(
            await bench.newId(adaptive, inFlight, `submit new id · ${where}`, 0.85),
            await bench.existingId(adaptive, inFlight, `submit existing id · ${where}`, 0.5),
          )
        }
        for (const inFlight of IN_FLIGHT) {
          rows.push(
            await bench.newId(
              always,
              inFlight,
              `submit new id · PostgreSQL · ${inFlight} in flight${ALWAYS}`,
            ),
          )
        }
        rows.push(await bench.existingId(never, 1, `submit existing id · PostgreSQL · 1 in flight${NEVER}`))
        for (const [index, [, mode]] of MIXED_MODES.entries()) {
          const engine = engines[index] ?? adaptive
          rows.push(await bench.mixed(engine, `submit ${MIXED} · PostgreSQL · 1 in flight${mode}`))
        }
        rows.push(...(await pgBossRows(settings, POSTGRES_URI, bossSchema, adaptive, ids, IN_FLIGHT)))
        return rows
      } finally {
        await raw.close()
        await Promise.all(engines.map((engine) => engine.close()))
      }
    },
    (reason) => skippedRows(NAMES, 'ops/s', reason),
  )
}
