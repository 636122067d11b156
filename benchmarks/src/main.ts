import { writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { arrayScanRows, makeRows } from './cursor/array-scan.js'
import { fetchPriorRows } from './cursor/fetch-prior.js'
import { streamRows } from './cursor/stream.js'
import { toResult, type BenchRow } from './harness/bench-result.js'
import { parseBenchArgs, USAGE } from './harness/bench-args.js'
import type { BenchSettings } from './harness/bench-settings.js'
import { formatTable } from './harness/format-table.js'
import { mysqlSubmitRows } from './submit/mysql-submit.js'
import { raceRows } from './submit/race.js'
import { sqliteSubmitRows } from './submit/sqlite-submit.js'

/** The benchmark groups, in the order they run; `--only` picks by name. */
const GROUPS: readonly {
  readonly name: string
  readonly run: (settings: BenchSettings) => Promise<BenchRow[]>
}[] = [
  { name: 'sqlite', run: sqliteSubmitRows },
  { name: 'mysql', run: mysqlSubmitRows },
  { name: 'race', run: raceRows },
  {
    name: 'cursor',
    run: async (settings) => {
      const rows = makeRows(settings.arrayRows)
      return [...(await arrayScanRows(settings, rows)), ...(await fetchPriorRows(settings, rows))]
    },
  },
  { name: 'stream', run: streamRows },
]

async function main(): Promise<void> {
  let args
  try {
    args = parseBenchArgs(process.argv.slice(2))
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    console.error(USAGE)
    process.exitCode = 2
    return
  }
  const { settings } = args
  const groups = GROUPS.filter(
    (group) => args.only.length === 0 || args.only.some((name) => group.name.includes(name)),
  )
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  console.log(
    `batchgate benchmarks (${settings.mode}) · Node ${process.version} · ${process.platform} ${process.arch} · ` +
      `${cpus().length} × ${cpu} · ${Math.round(totalmem() / 2 ** 30)} GiB`,
  )
  const started = performance.now()
  const rows: BenchRow[] = []
  for (const group of groups) {
    const groupStarted = performance.now()
    process.stdout.write(`  ${group.name} …`)
    rows.push(...(await group.run(settings)))
    process.stdout.write(` ${((performance.now() - groupStarted) / 1000).toFixed(1)} s\n`)
  }
  console.log(
    `\n${formatTable(rows)}\n\nratio = value / baseline, measured in the same run; ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s in all`,
  )
  if (args.jsonFile !== undefined) {
    writeFileSync(args.jsonFile, `${JSON.stringify(rows.map(toResult), null, 2)}\n`)
    console.log(`results written to ${args.jsonFile}`)
  }
}

await main()
