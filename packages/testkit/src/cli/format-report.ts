import type { RaceReport } from '../simulator/race-report.js'
import { redactStoreSpec } from './redact-store-spec.js'

/**
 * The report as a few readable lines for a terminal; the target's password, if any, is shown as `***`.
 *
 * @example
 * ```ts
 * console.log(formatReport(report, 'sqlite:/tmp/race.db'))
 * ```
 */
export function formatReport(report: RaceReport, target: string): string {
  const histogram = (counts: Readonly<Record<string, number>>): string =>
    Object.entries(counts)
      .map(([count, ids]) => `${ids} ids × ${count}`)
      .join(', ')
  const lines = [
    `batchgate-simulate on ${redactStoreSpec(target)}`,
    `  instances ${report.instances} in ${report.processes} process(es), ${report.ids} ids, ${report.submissions} submissions in ${report.durationMs} ms (${report.submissionsPerSecond}/s)`,
    `  answers: ${report.created} created, ${report.duplicated} duplicated, ${report.errors} errors`,
    `  rows per id (raw read): ${histogram(report.rowsPerId)}`,
    `  launches per id: ${histogram(report.launchesPerId)}`,
    `  answers not matching the stored batch: ${report.answersNotMatchingStoredBatch}`,
    `  latency ms: p50 ${report.latencyMs.p50}, p90 ${report.latencyMs.p90}, p99 ${report.latencyMs.p99}, max ${report.latencyMs.max}`,
  ]
  for (const sample of report.errorSamples)
    lines.push(`  error ×${sample.count}: ${sample.code}: ${sample.message}`)
  lines.push(
    report.ok
      ? 'OK: every id has exactly one row and one launch, and every answer is the stored batch'
      : `FAILED: ${report.violations.length} invariant(s) broken`,
  )
  for (const violation of report.violations) lines.push(`  - ${violation}`)
  return lines.join('\n')
}
