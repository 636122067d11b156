import { arrayScanRows, makeRows } from './cursor/array-scan.js'
import { fetchPriorRows } from './cursor/fetch-prior.js'
import { streamRows } from './cursor/stream.js'
import { adoptionRows } from './ha/adoption-latency.js'
import { claimRows } from './ha/claim-throughput.js'
import type { BenchRow } from './harness/bench-result.js'
import type { BenchSettings } from './harness/bench-settings.js'
import { restRows } from './rest/rest-group.js'
import { mysqlSubmitRows } from './submit/mysql-submit.js'
import { postgresSubmitRows } from './submit/postgres-submit.js'
import { raceRows } from './submit/race.js'
import { thriftRows } from './thrift/thrift-group.js'
import { sqliteSubmitRows } from './submit/sqlite-submit.js'
import { telemetryRows } from './telemetry/telemetry-group.js'

/** A group of figures measured together, in one process of its own. */
export interface BenchGroup {
  readonly name: string
  readonly run: (settings: BenchSettings) => Promise<BenchRow[]>
}

/** The benchmark groups, in the order they run; `--only` picks by name. */
export const GROUPS: readonly BenchGroup[] = [
  { name: 'sqlite', run: sqliteSubmitRows },
  { name: 'mysql', run: mysqlSubmitRows },
  { name: 'postgres', run: postgresSubmitRows },
  { name: 'race', run: raceRows },
  {
    name: 'cursor',
    run: async (settings) => {
      const rows = makeRows(settings.arrayRows)
      return [...(await arrayScanRows(settings, rows)), ...(await fetchPriorRows(settings, rows))]
    },
  },
  { name: 'stream', run: streamRows },
  { name: 'rest', run: restRows },
  { name: 'thrift', run: thriftRows },
  { name: 'claims', run: claimRows },
  { name: 'adoption', run: adoptionRows },
  { name: 'telemetry', run: telemetryRows },
]
