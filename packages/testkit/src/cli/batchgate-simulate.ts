// The command-line front of the race simulator (bin: batchgate-simulate). See USAGE.
import { readFileSync } from 'node:fs'
import { simulateRace } from '../simulator/simulate-race.js'
import { simulateRaceInProcesses } from '../simulator/simulate-race-in-processes.js'
import { openStoreFixture } from '../fixture/load-store-fixture.js'
import type { RaceReport } from '../simulator/race-report.js'
import { describeFailure } from './describe-failure.js'
import { findStoreModule } from './find-store-module.js'
import { formatReport } from './format-report.js'
import { progressDisplay } from './progress-display.js'
import { redactStoreSecrets, redactStoreSpec } from './redact-store-spec.js'
import { parseSimulateArgs, STORE_ENV, USAGE, UsageError, type SimulateCommand } from './simulate-args.js'
import type { SimulateArgs } from './simulate-args.js'

async function run(args: SimulateArgs, module: string): Promise<RaceReport> {
  // On stderr, so that stdout stays the report alone (one JSON object with --json).
  const progress = progressDisplay(process.stderr)
  const race = {
    instances: args.instances,
    ids: args.ids,
    submitsPerId: args.submitsPerId,
    ...(args.lookupBeforeInsert === undefined ? {} : { lookupBeforeInsert: args.lookupBeforeInsert }),
    onProgress: progress.onProgress,
  }
  // The first connection gets a short budget: an unreachable store fails in seconds, with its reason.
  const fixtureOptions = { connectTimeoutMs: args.connectTimeoutMs }
  try {
    const fixture = await openStoreFixture(module, args.store, fixtureOptions)
    try {
      if (args.processes > 0) {
        return await simulateRaceInProcesses({ ...race, fixture, fixtureOptions, processes: args.processes })
      }
      await fixture.checkReachable?.()
      return await simulateRace({ ...race, fixture })
    } finally {
      await fixture.dispose()
    }
  } finally {
    progress.finish()
  }
}

/** The version of the package this command comes from (`src/cli` or `dist/cli`: two levels up). */
function testkitVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: unknown
  }
  return typeof manifest.version === 'string' ? manifest.version : 'unknown'
}

/** Prints a bad command line's reason with the usage; exit status 2. Any other error is rethrown. */
function usageFailure(error: unknown): number {
  if (!(error instanceof UsageError)) throw error
  process.stderr.write(`batchgate-simulate: ${error.message}\n\n${USAGE}\n`)
  return 2
}

async function main(argv: readonly string[]): Promise<number> {
  let command: SimulateCommand
  try {
    command = parseSimulateArgs(argv)
  } catch (error) {
    return usageFailure(error)
  }
  if (command === 'help' || command === 'version') {
    process.stdout.write(`${command === 'help' ? USAGE : testkitVersion()}\n`)
    return 0
  }
  const args = command
  let module: string
  try {
    module = args.storeModule ?? (await findStoreModule(args.store))
  } catch (error) {
    return usageFailure(error)
  }
  // Read once: nothing this process starts needs to inherit the spec (workers get it in their job).
  Reflect.deleteProperty(process.env, STORE_ENV)
  // Reports and messages end up in CI logs: never with the store's password.
  const target = redactStoreSpec(args.store)
  let report: RaceReport
  try {
    report = await run(args, module)
  } catch (error) {
    const message = redactStoreSecrets(`${target}: ${describeFailure(error)}`, args.store)
    if (args.json) process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`)
    else process.stderr.write(`batchgate-simulate: the race could not run on ${message}\n`)
    return 2
  }
  process.stdout.write(
    args.json ? `${JSON.stringify({ target, ...report })}\n` : `${formatReport(report, target)}\n`,
  )
  return report.ok ? 0 : 1
}

process.exitCode = await main(process.argv.slice(2))
