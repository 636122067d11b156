// The command-line front of the race simulator (bin: batchgate-simulate). See USAGE.
import { simulateRace } from '../simulator/simulate-race.js'
import { simulateRaceInProcesses } from '../simulator/simulate-race-in-processes.js'
import { loadStoreTargetModule } from '../simulator/store-target.js'
import type { RaceReport } from '../simulator/race-report.js'
import { formatReport } from './format-report.js'
import { progressDisplay } from './progress-display.js'
import { redactStoreSpec } from './redact-store-spec.js'
import { parseSimulateArgs, USAGE, UsageError, type SimulateArgs } from './simulate-args.js'

async function run(args: SimulateArgs): Promise<RaceReport> {
  // On stderr, so that stdout stays the report alone (one JSON object with --json).
  const progress = progressDisplay(process.stderr)
  const race = {
    instances: args.instances,
    ids: args.ids,
    submitsPerId: args.submitsPerId,
    ...(args.lookupBeforeInsert === undefined ? {} : { lookupBeforeInsert: args.lookupBeforeInsert }),
    onProgress: progress.onProgress,
  }
  try {
    if (args.processes > 0) {
      return await simulateRaceInProcesses({
        ...race,
        targetModule: args.storeModule,
        targetSpec: args.store,
        processes: args.processes,
      })
    }
    const target = await (await loadStoreTargetModule(args.storeModule)).createStoreTarget(args.store)
    try {
      return await simulateRace({ ...race, target })
    } finally {
      await target.close()
    }
  } finally {
    progress.finish()
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let args: SimulateArgs | undefined
  try {
    args = parseSimulateArgs(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`batchgate-simulate: ${error.message}\n\n${USAGE}\n`)
    return 2
  }
  if (args === undefined) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  let report: RaceReport
  try {
    report = await run(args)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (args.json) process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`)
    else process.stderr.write(`batchgate-simulate: the race could not run: ${message}\n`)
    return 2
  }
  // Reports end up in CI logs: never with the store's password.
  const target = redactStoreSpec(args.store)
  process.stdout.write(
    args.json ? `${JSON.stringify({ target, ...report })}\n` : `${formatReport(report, target)}\n`,
  )
  return report.ok ? 0 : 1
}

process.exitCode = await main(process.argv.slice(2))
