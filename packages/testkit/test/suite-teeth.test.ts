import { describe, expect, it } from 'vitest'
import {
  breakStore,
  coordinationConformanceCases,
  DelegatingStore,
  engineConformanceCases,
  metastoreConformanceCases,
  simulateRace,
  type ConformanceCase,
  type ContractBreak,
  type StoreFixture,
} from '@batchgate/testkit'
import { sqliteFixture } from '@batchgate/store-sqlite/testing'

/** A real SQLite fixture whose stores break one rule of the contract. */
function brokenFixture(rule: ContractBreak): StoreFixture {
  const fixture = sqliteFixture()
  return { ...fixture, newStore: () => breakStore(fixture.newStore(), rule) }
}

/** Every case of the metastore suite (the coordination group included) and of the engine suite. */
const allCases: readonly ConformanceCase<StoreFixture>[] = [
  ...metastoreConformanceCases,
  ...engineConformanceCases,
]

/** `group: name`, as the tests below name a case. */
const fullName = (testCase: ConformanceCase<StoreFixture>): string => `${testCase.group}: ${testCase.name}`

/**
 * The cases with these full names, in that order. A name that matches no case throws: a case renamed
 * or removed must fail this file, not leave a breaker unchecked.
 */
function casesNamed(names: readonly string[]): ConformanceCase<StoreFixture>[] {
  return names.map((name) => {
    const [found, ...more] = allCases.filter((testCase) => fullName(testCase) === name)
    if (found === undefined || more.length > 0) {
      throw new Error(`${more.length + (found === undefined ? 0 : 1)} conformance cases are named "${name}"`)
    }
    return found
  })
}

/** Runs the given cases, each against a fresh broken fixture, and names the ones that failed. */
async function failingCases(
  rule: ContractBreak,
  cases: readonly ConformanceCase<StoreFixture>[],
): Promise<string[]> {
  const failed: string[] = []
  for (const testCase of cases) {
    const fixture = brokenFixture(rule)
    try {
      await testCase.run(fixture)
    } catch {
      failed.push(fullName(testCase))
    } finally {
      await fixture.dispose()
    }
  }
  return failed
}

/**
 * The one coordination case whose name contains `fragment`, by its full name; throws unless exactly one
 * does.
 */
function coordinationCase(fragment: string): string {
  const found = coordinationConformanceCases.filter((testCase) => testCase.name.includes(fragment))
  if (found.length !== 1) throw new Error(`${found.length} coordination cases contain "${fragment}"`)
  return `coordination: ${found[0]?.name ?? ''}`
}

const duplicateCases = [
  'duplicates: rejects a second insert of an id with DuplicateKeyError and keeps the first row as it was',
  'duplicates: lets exactly one of 8 instances inserting one id at once succeed; the others get DuplicateKeyError',
  "duplicates: a read right after losing the insert race sees the winner's committed row",
  'submit: answers duplicates the same way with and without the pre-insert lookup',
  'races: both instances pass the pre-insert lookup, then both insert: one creates, the other gets the stored batch',
  'races: 6 engines submit the same 25 ids 3 times each at once: one row, one launch, the stored batch for everyone',
]
const purgeStates =
  'purge: only FINISHED, ERROR and CANCELED batches go: never PENDING or RUNNING, even with an old endTime'
const contention =
  'contention: 8 instances interleave inserts, state changes and purges on the same rows: every call answers, the rows add up'
const purgesAtOnce =
  'contention: 8 instances purge the same few expired batches at once: each is deleted once and counted once'

/** Each breaker and the cases meant to catch it (by full name, `group: name`). */
const breakers: readonly (readonly [ContractBreak, readonly string[]])[] = [
  // Rules of the engine's use of the store: the metastore and the engine suites catch them.
  ['swallow-duplicate-keys', duplicateCases],
  ['classify-duplicates-by-message', duplicateCases],
  [
    'no-compare-and-set',
    [
      'state: changes the state only while it is the expected one (compare-and-set), with its times and diagnostic',
    ],
  ],
  // Rules of the metastore port.
  [
    'constraint-errors-as-duplicates',
    [
      'constraints: an insert refused for a state outside the schema (CHECK) is not a DuplicateKeyError, and leaves the id free',
      'constraints: an insert refused for a missing fingerprint (NOT NULL) is not a DuplicateKeyError, and leaves the id free',
    ],
  ],
  [
    'compare-first-state-only',
    ['state: a compare-and-set from a list of states applies from each listed state, and from no other'],
  ],
  [
    'records-by-reference',
    [
      'copies: keeps its own copy of an inserted record: changing the caller’s object afterwards changes nothing stored',
      'copies: hands out a new record on every read: changing one read’s result does not change the next',
    ],
  ],
  [
    'cached-reads-per-instance',
    ['copies: reads what another instance wrote since: no per-instance cache of rows, found or missing'],
  ],
  [
    'purge-cutoff-inclusive',
    [
      'purge: the cutoff is exclusive: a batch that ended at `endedBefore` stays, one that ended 1 ms earlier goes',
    ],
  ],
  ['purge-any-state', [purgeStates]],
  ['purge-missing-end-as-old', [purgeStates]],
  [
    'purge-ignores-limit',
    ['purge: deletes exactly `limit` batches when more are expired, and answers how many it deleted'],
  ],
  ['purge-counts-candidates', [purgesAtOnce]],
  ['give-up-when-busy', [contention, purgesAtOnce]],
  ['purge-gives-up-when-busy', [purgesAtOnce]],
  // Rules of the coordination port.
  [
    'ignore-fencing-token',
    [
      coordinationCase('updateBatchState with an ownerToken applies only'),
      coordinationCase('updateApplication with an ownerToken applies only'),
    ],
  ],
  ['claim-check-then-act', [coordinationCase('concurrent claims of one batch')]],
  ['transfer-check-then-act', [coordinationCase('concurrent transfers of one batch')]],
  [
    'lease-expiry-by-caller-clock',
    [
      coordinationCase('a lease is granted in database time'),
      coordinationCase('a short lease expires'),
      coordinationCase('releaseLease expires a lease at once'),
    ],
  ],
  ['queue-ignores-grace', [coordinationCase('joins the queue (in its place) once unlaunchedGraceMs')]],
  ['queue-by-create-time', [coordinationCase('queuedBatches lists PENDING batches owned by nobody')]],
  ['running-counts-pending', [coordinationCase('running counts the RUNNING batches')]],
]

// Each breaker runs only the cases meant to catch it, and every one of them must fail; the healthy store
// passes all of those cases (so each failure is the breakage). The whole suites run on the healthy stores
// in each store package's conformance test.
describe('the conformance suites catch a broken store', () => {
  it.each(breakers)('%s fails the cases meant to catch it', { timeout: 60_000 }, async (rule, targets) => {
    expect(await failingCases(rule, casesNamed(targets))).toEqual(targets)
  })

  it(
    'the same cases all pass on the healthy store (so the failures above are the breakage)',
    { timeout: 60_000 },
    async () => {
      const failed: string[] = []
      for (const testCase of casesNamed([...new Set(breakers.flatMap(([, targets]) => targets))])) {
        const fixture = sqliteFixture()
        await testCase.run(fixture).catch(() => failed.push(fullName(testCase)))
        await fixture.dispose()
      }
      expect(failed).toEqual([])
    },
  )
})

describe('the coordination group on a store without the port', () => {
  it('reports every case as not applicable, with the reason, on a store without the port', async () => {
    const reasons: string[] = []
    for (const testCase of coordinationConformanceCases) {
      const fixture = sqliteFixture()
      // A plain DelegatingStore hides the coordination port of the store it wraps.
      const plain = { ...fixture, newStore: () => new DelegatingStore(fixture.newStore()) }
      const skip = (reason: string): never => {
        reasons.push(reason)
        throw new Error(`skipped: ${reason}`)
      }
      try {
        await expect(testCase.run(plain, { skip })).rejects.toThrow(/^skipped: not applicable: /)
      } finally {
        await fixture.dispose()
      }
    }
    expect(reasons).toHaveLength(coordinationConformanceCases.length)
    expect(reasons[0]).toMatch(/does not implement CoordinatedMetadataStore/)
  })
})

describe('the race simulator catches a broken store', () => {
  /** A small insert-first race on a store that breaks `rule`. */
  async function raceOn(rule: ContractBreak) {
    const fixture = brokenFixture(rule)
    try {
      return await simulateRace({
        fixture,
        instances: 4,
        ids: 10,
        submitsPerId: 2,
        lookupBeforeInsert: false,
      })
    } finally {
      await fixture.dispose()
    }
  }

  it('names the broken invariants when duplicates are swallowed', async () => {
    const report = await raceOn('swallow-duplicate-keys')
    expect(report.ok).toBe(false)
    expect(report.violations.join('\n')).toMatch(/exactly one created answer per id/)
    expect(report.violations.join('\n')).toMatch(/every answer is the stored batch/)
  })

  it('names the failed submissions when duplicates are classified by message text', async () => {
    const report = await raceOn('classify-duplicates-by-message')
    expect(report.ok).toBe(false)
    expect(report.violations.join('\n')).toMatch(/no errors: \d+ submissions failed/)
    expect(report.errorSamples[0]?.code).toBe('METASTORE_UNAVAILABLE')
  })
})
