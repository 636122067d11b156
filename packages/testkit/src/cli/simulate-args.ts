import { parseArgs } from 'node:util'
import type { LookupBeforeInsert } from '@batchgate/core'

/** The parsed command line of `batchgate-simulate`. */
export interface SimulateArgs {
  readonly store: string
  /** `--store-module`; absent: the built-in store whose testing entry handles the spec (see find-store-module). */
  readonly storeModule: string | undefined
  readonly instances: number
  readonly ids: number
  readonly submitsPerId: number
  /** 0: every instance in this process; N: spread over N child processes. */
  readonly processes: number
  readonly lookupBeforeInsert: LookupBeforeInsert | undefined
  /** How long the first connection to the store may take, retries included (default 5000). */
  readonly connectTimeoutMs: number
  readonly json: boolean
}

/** What the command line asks for: a race, or just the usage text or the version. */
export type SimulateCommand = SimulateArgs | 'help' | 'version'

/**
 * The environment variable that may hold the store spec instead of `--store`, so that a password is
 * not in the command line, which `ps` shows to everyone on the machine.
 */
export const STORE_ENV = 'BATCHGATE_STORE'

const DEFAULT_CONNECT_TIMEOUT_MS = 5000

export const USAGE = `usage: batchgate-simulate --store <sqlite:FILE | mysql://URI | postgres://URI> [options]
       BATCHGATE_STORE=<spec> batchgate-simulate [options]

Races several batchgate engine instances over one metastore, submitting the same batch ids from all of
them at once, and checks that every id ends with exactly one row and one launch, and that every answer
is the stored batch. Exit status 0 only when those invariants hold (1 when one is broken, 2 on bad usage
or a store that cannot be reached). Progress goes to stderr.

options:
  --store SPEC              sqlite:<file>, mysql://user:password@host:port/database or
                            postgres://user:password@host:port/database[?schema=name] (required,
                            unless BATCHGATE_STORE holds it: keep a password out of argv and ps)
  --store-module MODULE     a module exporting createStoreFixture(spec, options), for other stores
                            (default: the installed @batchgate/store-* whose handles(spec) says yes)
  --instances N             engine instances in all (default 8)
  --ids N                   distinct batch ids (default 50)
  --submits-per-id N        submissions of each id by each instance (default 3)
  --processes N             spread the instances over N OS processes (default 0: this process)
  --lookup-before-insert L  true, false or adaptive: the engines' pre-insert lookup (default: adaptive)
  --connect-timeout-ms N    how long reaching the store may take, retries included (default 5000)
  --json                    print one JSON object (the report and "ok") and nothing else on stdout
  --version                 print the version of @batchgate/testkit
  --help                    print this text`

/** Thrown for a bad command line; the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/**
 * Parses and checks the command line; the store spec comes from `--store`, or else from the
 * environment's {@link STORE_ENV}.
 *
 * @example
 * ```ts
 * parseSimulateArgs(['--store', 'sqlite:/tmp/race.db', '--processes', '8'])
 * parseSimulateArgs(['--processes', '8'], { BATCHGATE_STORE: 'mysql://gw:secret@db/gw' })
 * ```
 */
export function parseSimulateArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): SimulateCommand {
  let values
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        store: { type: 'string' },
        'store-module': { type: 'string' },
        instances: { type: 'string', default: '8' },
        ids: { type: 'string', default: '50' },
        'submits-per-id': { type: 'string', default: '3' },
        processes: { type: 'string', default: '0' },
        'lookup-before-insert': { type: 'string' },
        'connect-timeout-ms': { type: 'string', default: String(DEFAULT_CONNECT_TIMEOUT_MS) },
        json: { type: 'boolean', default: false },
        version: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }))
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (values.help) return 'help'
  if (values.version) return 'version'
  const store = nonEmpty(values.store) ?? nonEmpty(env[STORE_ENV])
  if (store === undefined) throw new UsageError(`--store (or ${STORE_ENV}) is required`)
  return {
    store,
    storeModule: nonEmpty(values['store-module']),
    instances: integer(values.instances, '--instances', 1),
    ids: integer(values.ids, '--ids', 1),
    submitsPerId: integer(values['submits-per-id'], '--submits-per-id', 1),
    processes: integer(values.processes, '--processes', 0),
    lookupBeforeInsert: lookupSetting(values['lookup-before-insert']),
    connectTimeoutMs: integer(values['connect-timeout-ms'], '--connect-timeout-ms', 1),
    json: values.json,
  }
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text
}

function integer(text: string, flag: string, min: number): number {
  const value = Number(text)
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`${flag} must be an integer >= ${min}, got ${text}`)
  }
  return value
}

function lookupSetting(text: string | undefined): LookupBeforeInsert | undefined {
  if (text === undefined) return undefined
  if (text === 'true' || text === 'false') return text === 'true'
  if (text === 'adaptive') return text
  throw new UsageError(`--lookup-before-insert must be true, false or adaptive, got ${text}`)
}
