import { writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { toResult, type BenchRow } from './harness/bench-result.js'
import { parseBenchArgs, USAGE } from './harness/bench-args.js'
import { formatTable } from './harness/format-table.js'
import { runGroupProcess } from './harness/group-process.js'
import { GROUPS } from './groups.js'

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
    rows.push(...(await runGroupProcess(group.name, settings)))
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
