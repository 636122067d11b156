import { describe, expect, it } from 'vitest'
import {
  breakStore,
  engineConformanceCases,
  metastoreConformanceCases,
  simulateRace,
  type ContractBreak,
  type MetastoreHarness,
} from '@batchgate/testkit'
import { sqliteHarness } from '@batchgate/store-sqlite/testing'

/** A real SQLite harness whose stores break one rule of the contract. */
async function brokenHarness(rule: ContractBreak): Promise<MetastoreHarness> {
  const harness = await sqliteHarness()
  return { ...harness, newStore: () => breakStore(harness.newStore(), rule) }
}

/** Runs every case against a fresh broken harness and names the ones that failed. */
async function failingCases(rule: ContractBreak): Promise<string[]> {
  const failed: string[] = []
  for (const testCase of [...metastoreConformanceCases, ...engineConformanceCases]) {
    const harness = await brokenHarness(rule)
    try {
      await testCase.run(harness)
    } catch {
      failed.push(`${testCase.group}: ${testCase.name}`)
    } finally {
      await harness.dispose()
    }
  }
  return failed
}

describe('the conformance suites catch a broken store', () => {
  const duplicateCases = [
    'duplicates: rejects a second insert of an id with DuplicateKeyError and keeps the first row as it was',
    'duplicates: lets exactly one of 8 instances inserting one id at once succeed; the others get DuplicateKeyError',
    "duplicates: a read right after losing the insert race sees the winner's committed row",
    'submit: answers duplicates the same way with and without the pre-insert lookup',
    'races: both instances pass the pre-insert lookup, then both insert: one creates, the other gets the stored batch',
    'races: 6 engines submit the same 25 ids 3 times each at once: one row, one launch, the stored batch for everyone',
  ]
  it.each<[ContractBreak, string[]]>([
    ['swallow-duplicate-keys', duplicateCases],
    ['classify-duplicates-by-message', duplicateCases],
    [
      'no-compare-and-set',
      [
        'state: changes the state only while it is the expected one (compare-and-set), with its times and diagnostic',
      ],
    ],
  ])('%s fails the suites', { timeout: 60_000 }, async (rule, expectedFailures) => {
    const failed = await failingCases(rule)
    for (const name of expectedFailures) expect(failed).toContain(name)
  })

  it(
    'the same cases all pass on the healthy store (so the failures above are the breakage)',
    { timeout: 60_000 },
    async () => {
      const failed: string[] = []
      for (const testCase of [...metastoreConformanceCases, ...engineConformanceCases]) {
        const harness = await sqliteHarness()
        await testCase.run(harness).catch(() => failed.push(testCase.name))
        await harness.dispose()
      }
      expect(failed).toEqual([])
    },
  )
})

describe('the race simulator catches a broken store', () => {
  /** A small insert-first race on a store that breaks `rule`. */
  async function raceOn(rule: ContractBreak) {
    const harness = await brokenHarness(rule)
    try {
      return await simulateRace({
        target: harness,
        instances: 4,
        ids: 10,
        submitsPerId: 2,
        lookupBeforeInsert: false,
      })
    } finally {
      await harness.dispose()
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
