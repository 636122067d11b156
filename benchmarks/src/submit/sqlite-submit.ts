import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEngine, type Engine } from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'
import type { BenchRow } from '../harness/bench-result.js'
import type { BenchSettings } from '../harness/bench-settings.js'
import { BENCH_CONTEXT, BENCH_INSTANCE, benchRequest, benchRow } from './bench-request.js'
import { ALWAYS, MIXED, MIXED_MODES, NEVER } from './mixed-workload.js'
import { openRawSqlite } from './raw-sqlite.js'
import { SubmitPairs, type BaselineLabels } from './submit-pairs.js'

/** Ids submitted before the duplicate-path benchmark, then submitted again round-robin. */
const EXISTING_IDS = 1000
const WHERE = 'SQLite file · 1 in flight'

const LABELS: BaselineLabels = {
  insert: 'better-sqlite3 prepared INSERT of the same row, same pragmas',
  select: 'better-sqlite3 prepared SELECT * by primary key',
  mixed: 'the same mix of better-sqlite3 INSERTs and SELECTs, each id given the one statement it needs',
}

/**
 * `submit` on a SQLite file against better-sqlite3 on a second file with the same schema (migrated
 * by the store) and the same pragmas (WAL, synchronous FULL): a new id against a prepared INSERT of the
 * same row, an existing id against a prepared SELECT by primary key, on an engine with the default
 * (adaptive) lookup. Then, for the record (no target): the lookup forced on and off, where each costs,
 * and a mixed workload where one submission in ten is a retry.
 */
export async function sqliteSubmitRows(settings: BenchSettings): Promise<BenchRow[]> {
  const directory = mkdtempSync(join(tmpdir(), 'batchgate-bench-'))
  try {
    const storeFile = join(directory, 'store.db')
    const rawFile = join(directory, 'raw.db')
    const schemaOnly = sqliteStore({ filename: rawFile })
    await schemaOnly.open()
    await schemaOnly.close()
    // One engine per lookup setting, each with its own connection to the file; the first is the default.
    const engines: Engine[] = []
    const raw = openRawSqlite(rawFile)
    try {
      for (const [lookupBeforeInsert] of MIXED_MODES) {
        const store = sqliteStore({ filename: storeFile })
        engines.push(await createEngine({ store, instanceId: BENCH_INSTANCE, lookupBeforeInsert }))
      }
      const [adaptive, always, never] = engines
      if (adaptive === undefined || always === undefined || never === undefined) throw new Error('no engine')
      const ids = Array.from({ length: EXISTING_IDS }, () => randomUUID())
      for (const id of ids) {
        await adaptive.batches.submit(benchRequest(id), BENCH_CONTEXT)
        raw.insert(benchRow(id))
      }
      const bench = new SubmitPairs(settings, raw, ids, LABELS)
      const rows: BenchRow[] = [
        await bench.newId(adaptive, 1, `submit new id · ${WHERE}`, 0.7),
        await bench.existingId(adaptive, 1, `submit existing id · ${WHERE}`, 0.5),
        await bench.newId(always, 1, `submit new id · ${WHERE}${ALWAYS}`),
        await bench.existingId(never, 1, `submit existing id · ${WHERE}${NEVER}`),
      ]
      for (const [index, [, mode]] of MIXED_MODES.entries()) {
        rows.push(await bench.mixed(engines[index] ?? adaptive, `submit ${MIXED} · ${WHERE}${mode}`))
      }
      return rows
    } finally {
      raw.close()
      await Promise.all(engines.map((engine) => engine.close()))
    }
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}
