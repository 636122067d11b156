/**
 * One test of a conformance suite: a name, the capability group it belongs to (so a store author can
 * switch a group off), and a body run against a fresh subject. Suites are data, so that tests can run
 * a suite's cases against a deliberately broken store and assert that they fail.
 *
 * @example
 * ```ts
 * const cases: ConformanceCase<StoreFixture>[] = [
 *   { group: 'basics', name: 'reads back what it stored', run: async (fixture) => { ... } },
 * ]
 * ```
 */
export interface ConformanceCase<Subject> {
  readonly group: string
  readonly name: string
  /** `context` is given when the case runs under vitest (see {@link CaseContext}). */
  run(subject: Subject, context?: CaseContext): Promise<void>
}

/**
 * What a case may ask of the test runner. A case that needs an optional capability of the subject
 * (say, a fixture hook) calls `skip` with the reason when it is missing, so the report says so.
 *
 * @example
 * ```ts
 * if (fixture.rawCorruptBatch === undefined) context?.skip('the fixture has no rawCorruptBatch')
 * ```
 */
export interface CaseContext {
  /** Ends the case as skipped, printing `reason`; it throws, so nothing after it runs. */
  skip(reason: string): never
}

/** Options common to every `describe…Conformance` function. */
export interface SuiteOptions<Group extends string = string> {
  /** Capability groups to leave out (say why in your test file). */
  readonly skipGroups?: readonly Group[]
  /** When set, the whole suite is skipped and this reason is printed (e.g. "no MySQL server at …"). */
  readonly skipReason?: string | undefined
  /** Per-test timeout in milliseconds (default 30 000). */
  readonly timeoutMs?: number
}
