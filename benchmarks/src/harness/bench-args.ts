import { parseArgs } from 'node:util'
import { FULL, QUICK, type BenchSettings } from './bench-settings.js'

/** What `pnpm bench` was asked for. */
export interface BenchArgs {
  readonly settings: BenchSettings
  /** Where to write the JSON array of results, if anywhere. */
  readonly jsonFile: string | undefined
  /** Only the groups whose name contains one of these (for profiling one figure). */
  readonly only: readonly string[]
}

export const USAGE = `usage: pnpm bench [--quick] [--json <file>] [--only <group>]...
  --quick         a shorter run that finishes in under a minute
  --json <file>   also write the results as a JSON array of { name, unit, value, baseline, ratio }
  --only <group>  run only the groups whose name contains this (sqlite, mysql, postgres, race, cursor, stream, rest, thrift, claims, adoption, telemetry)`

/** Parses the command line; throws with {@link USAGE} for anything unknown. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv[0] === '--' ? argv.slice(1) : [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'string' },
      only: { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  })
  if (values.help) throw new Error(USAGE)
  return {
    settings: values.quick ? QUICK : FULL,
    jsonFile: values.json,
    only: values.only ?? [],
  }
}
