/** The latency distribution of the submissions of a race, in milliseconds. */
export interface LatencySummary {
  readonly p50: number
  readonly p90: number
  readonly p99: number
  readonly max: number
  readonly mean: number
}

/**
 * What a race produced, counted from the answers the instances got and from the author's raw read-back
 * of the database — and whether the invariants held.
 *
 * @example
 * ```ts
 * const report = await simulateRace({ target, instances: 8, ids: 50, submitsPerId: 3 })
 * if (!report.ok) console.error(report.violations.join('\n'))
 * ```
 */
export interface RaceReport {
  readonly ok: boolean
  /** Each broken invariant, named, e.g. `exactly one row per id: 2 ids have 2 rows`. */
  readonly violations: readonly string[]
  readonly instances: number
  readonly processes: number
  readonly ids: number
  readonly submissions: number
  readonly created: number
  readonly duplicated: number
  readonly errors: number
  /** The distinct errors with how often each occurred. */
  readonly errorSamples: readonly {
    readonly code: string
    readonly message: string
    readonly count: number
  }[]
  /** Rows found per id by the raw read-back: `{ "1": 50 }` means 50 ids with one row each. */
  readonly rowsPerId: Readonly<Record<string, number>>
  /** Launcher calls per id: `{ "1": 50 }` means every id was launched exactly once. */
  readonly launchesPerId: Readonly<Record<string, number>>
  /** Answers whose createTime or creator differs from the stored row's (not the stored batch). */
  readonly answersNotMatchingStoredBatch: number
  readonly latencyMs: LatencySummary
  readonly durationMs: number
  readonly submissionsPerSecond: number
}
