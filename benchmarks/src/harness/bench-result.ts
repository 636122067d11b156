/**
 * One figure of a run, as `--json` writes it: `ratio = value / baseline`, measured in the same run.
 * `baseline` and `ratio` are `null` for a figure that has no baseline (race latencies, memory).
 *
 * @example
 * ```ts
 * const row: BenchResult = { name: 'submit new id · SQLite', unit: 'ops/s', value: 812, baseline: 1020, ratio: 0.8 }
 * ```
 */
export interface BenchResult {
  readonly name: string
  readonly unit: string
  /** `null` only for a skipped figure (MySQL unreachable). */
  readonly value: number | null
  readonly baseline: number | null
  readonly ratio: number | null
}

/** Which way a figure is good: throughput up, costs (time, memory) down. */
export type Better = 'higher' | 'lower'

/** A bound the figure should keep: on the ratio when there is a baseline, else on the value itself. */
export interface BenchTarget {
  readonly on: 'ratio' | 'value'
  readonly bound: number
}

/** A row of the terminal table: the figure, how to read it, and what it should reach. */
export interface BenchRow extends Omit<BenchResult, 'value'> {
  /** `NaN` when skipped. */
  readonly value: number
  readonly better: Better
  /** What the baseline is, shown under the table (e.g. `better-sqlite3 INSERT (prepared)`). */
  readonly baselineLabel?: string
  readonly target?: BenchTarget
  /** Why the figure is missing (MySQL unreachable); `value` is then `NaN`. */
  readonly skipped?: string
}

/** A figure compared with its baseline. */
export function compared(
  fields: Omit<BenchRow, 'ratio' | 'baseline'> & { readonly baseline: number },
): BenchRow {
  return { ...fields, ratio: fields.value / fields.baseline }
}

/** A throughput measured against its baseline's, as `measurePair` gives them (ops/s, higher is better). */
export function throughputRow(
  name: string,
  measured: {
    readonly subject: { readonly opsPerSecond: number }
    readonly baseline: { readonly opsPerSecond: number }
  },
  baselineLabel: string,
  targetRatio?: number,
): BenchRow {
  return compared({
    name,
    unit: 'ops/s',
    value: measured.subject.opsPerSecond,
    baseline: measured.baseline.opsPerSecond,
    better: 'higher',
    baselineLabel,
    ...(targetRatio === undefined ? {} : { target: { on: 'ratio', bound: targetRatio } }),
  })
}

/** A figure without a baseline. */
export function absolute(fields: Omit<BenchRow, 'ratio' | 'baseline'>): BenchRow {
  return { ...fields, baseline: null, ratio: null }
}

/** Rows reported as skipped, with the reason. */
export function skippedRows(
  names: readonly string[],
  unit: string,
  reason: string,
  better: Better = 'higher',
): BenchRow[] {
  return names.map((name) => ({
    name,
    unit,
    value: Number.NaN,
    baseline: null,
    ratio: null,
    better,
    skipped: reason,
  }))
}

/** Whether a row meets its target; `undefined` when it has none or was skipped. */
export function meetsTarget(row: BenchRow): boolean | undefined {
  if (row.target === undefined || row.skipped !== undefined) return undefined
  const figure = row.target.on === 'ratio' ? row.ratio : row.value
  if (figure === null || Number.isNaN(figure)) return undefined
  return row.better === 'higher' ? figure >= row.target.bound : figure <= row.target.bound
}

/** The JSON form of a row: only the five documented fields, skipped figures as `null`. */
export function toResult(row: BenchRow): BenchResult {
  const finite = (n: number | null): number | null => (n === null || !Number.isFinite(n) ? null : n)
  return {
    name: row.name,
    unit: row.unit,
    value: finite(row.value),
    baseline: finite(row.baseline),
    ratio: finite(row.ratio),
  }
}
