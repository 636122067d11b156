import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sqliteStore } from '@batchgate/store-sqlite'
import { throughputRow, type BenchRow } from '../harness/bench-result.js'
import type { BenchSettings } from '../harness/bench-settings.js'
import { CONNECTIONS, loadFor, type Load } from './http-load.js'
import type { RestServerKind } from './rest-server-kind.js'
import { checkSameAnswer } from './same-answer.js'
import { startRestServerProcess, type RestServerProcess } from './rest-server-process.js'

/** Rounds per pair and seconds per round: autocannon needs whole seconds to settle, unlike tinybench. */
const TIMING = {
  full: { rounds: 7, seconds: 2, warmupSeconds: 1 },
  quick: { rounds: 3, seconds: 1, warmupSeconds: 1 },
} as const

const WHERE = `SQLite file · ${CONNECTIONS} keep-alive connections`

/**
 * The `rest` group: `kyuubiRestHandler` against a bare `node:http` handler doing the same work, each
 * server in a child process of its own and autocannon (16 keep-alive connections) in this one. `POST
 * /batches` with a new id (the engine on a SQLite file) against the prepared INSERT of the same row on
 * a second file migrated by the store; `GET rowset` FETCH_NEXT 1000 of a streaming cursor against a
 * handler slicing the same rows into the same JSON. Rounds alternate the two servers, each side's figure
 * its median round, as the other groups' pairs.
 */
export async function restRows(settings: BenchSettings): Promise<BenchRow[]> {
  const directory = mkdtempSync(join(tmpdir(), 'batchgate-bench-rest-'))
  try {
    // The baseline's file gets its schema from the store's own migrations, as in the sqlite group.
    const schemaOnly = sqliteStore({ filename: join(directory, 'raw.db') })
    await schemaOnly.open()
    await schemaOnly.close()
    return [
      await pair(settings, directory, 'submit', ['submit-handler', 'submit-bare'], {
        name: `POST /batches new id · ${WHERE}`,
        baselineLabel:
          'a bare node:http handler: JSON.parse, the better-sqlite3 prepared INSERT of the same row (same pragmas), the Batch JSON',
        target: 0.8,
      }),
      await pair(settings, directory, 'get', ['rowset-handler', 'rowset-bare'], {
        name: `GET rowset FETCH_NEXT 1000 · 4 columns · ${CONNECTIONS} keep-alive connections`,
        baselineLabel: 'a bare node:http handler serving the same rows in the same JSON shape',
        target: 0.8,
      }),
    ]
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}

interface Figure {
  readonly name: string
  readonly baselineLabel: string
  readonly target: number
}

async function pair(
  settings: BenchSettings,
  directory: string,
  load: Load,
  kinds: readonly [RestServerKind, RestServerKind],
  figure: Figure,
): Promise<BenchRow> {
  const timing = TIMING[settings.mode]
  const servers: RestServerProcess[] = []
  try {
    for (const kind of kinds) servers.push(await startRestServerProcess(kind, directory))
    const [subject, baseline] = servers as [RestServerProcess, RestServerProcess]
    await checkSameAnswer(load, subject, baseline)
    for (const server of servers) await loadFor(server.url, server.path, load, timing.warmupSeconds)
    const subjectRounds: number[] = []
    const baselineRounds: number[] = []
    for (let round = 0; round < timing.rounds; round++) {
      const order = round % 2 === 0 ? [baseline, subject] : [subject, baseline]
      for (const server of order) {
        const perSecond = await loadFor(server.url, server.path, load, timing.seconds)
        ;(server === subject ? subjectRounds : baselineRounds).push(perSecond)
      }
    }
    return throughputRow(
      figure.name,
      {
        subject: { opsPerSecond: median(subjectRounds) },
        baseline: { opsPerSecond: median(baselineRounds) },
      },
      figure.baselineLabel,
      figure.target,
    )
  } finally {
    await Promise.all(servers.map((server) => server.stop()))
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}
