import { fromProject } from '../fixture/load-store-fixture.js'
import type { StoreFixtureModule } from '../fixture/store-fixture.js'
import { redactStoreSpec } from './redact-store-spec.js'
import { UsageError } from './simulate-args.js'

/**
 * The store packages `batchgate-simulate --store <spec>` tries, in this order, when no
 * `--store-module` is given: each is imported if installed (they are optional peers of this package,
 * so they resolve from the user's project) and asked `handles(spec)`. The list names packages, never
 * schemes: which specs a store opens is its own testing entry's business, so a store changes or adds a
 * scheme (say `postgresql://`) without a change here. Any other store is named by `--store-module`.
 */
export const BUILT_IN_STORE_MODULES: readonly string[] = [
  '@batchgate/store-sqlite/testing',
  '@batchgate/store-mysql/testing',
  '@batchgate/store-postgres/testing',
]

/**
 * The first of `candidates` that is installed and whose `handles(spec)` says yes; a
 * {@link UsageError} (the password masked) when none does.
 *
 * @example
 * ```ts
 * await findStoreModule('postgres://gw@db/gw') // '@batchgate/store-postgres/testing'
 * ```
 */
export async function findStoreModule(
  spec: string,
  candidates: readonly string[] = BUILT_IN_STORE_MODULES,
  load: (specifier: string) => Promise<unknown> = (specifier) => import(fromProject(specifier)),
): Promise<string> {
  const missing: string[] = []
  for (const candidate of candidates) {
    let loaded: Partial<StoreFixtureModule>
    try {
      loaded = (await load(candidate)) as Partial<StoreFixtureModule>
    } catch (error) {
      // Only "not installed" is skipped: a store that is installed but fails to load is a real error.
      if (!isModuleNotFound(error)) throw error
      missing.push(candidate)
      continue
    }
    if (typeof loaded.handles === 'function' && loaded.handles(spec)) return candidate
  }
  const notInstalled = missing.length === 0 ? '' : ` (not installed: ${missing.join(', ')})`
  throw new UsageError(
    `--store ${redactStoreSpec(spec)}: expected sqlite:<file>, mysql://… or postgres://… (no installed store handles it${notInstalled}), or give --store-module`,
  )
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
}
