import type { RawBatchRow } from '../harness/raw-batch-row.js'
import { summarizeLatency } from './latency.js'
import type { InstanceOutcome } from './race-outcome.js'
import type { RaceReport } from './race-report.js'

/** What the race was asked to do. */
export interface RaceShape {
  readonly ids: readonly string[]
  readonly instances: number
  readonly processes: number
  readonly submitsPerId: number
  readonly durationMs: number
}

/**
 * Counts the race and checks its invariants: no errors, exactly one row and one launch per id, exactly
 * one "created" answer per id, and every answer carrying the stored batch's createTime.
 */
export function judgeRace(
  shape: RaceShape,
  outcomes: readonly InstanceOutcome[],
  rows: readonly RawBatchRow[],
): RaceReport {
  const idSet = new Set(shape.ids)
  const answers = outcomes.flatMap((outcome) => outcome.answers)
  const rowsById = countBy(rows.filter((row) => idSet.has(row.id)).map((row) => row.id))
  const launchesById = countBy(outcomes.flatMap((outcome) => outcome.launchedIds))
  const createdById = countBy(answers.filter((a) => a.outcome === 'created').map((a) => a.id))
  const stored = new Map(rows.map((row) => [row.id, row]))
  // The stored batch is identified by its createTime and creator; an answer made from the caller's own
  // input (a swallowed duplicate) differs in at least the creator.
  const mismatched = answers.filter((a) => {
    const row = stored.get(a.id)
    return a.outcome !== 'error' && (a.createTime !== row?.createTime || a.createdBy !== row?.createdBy)
  }).length
  const errors = answers.filter((a) => a.outcome === 'error')

  const violations: string[] = []
  const expectOnePerId = (what: string, counts: Map<string, number>): void => {
    const off = shape.ids.filter((id) => counts.get(id) !== 1)
    if (off.length > 0)
      violations.push(
        `exactly one ${what} per id: ${off.length} of ${shape.ids.length} ids differ (${describeCounts(off, counts)})`,
      )
  }
  if (errors.length > 0) violations.push(`no errors: ${errors.length} submissions failed`)
  expectOnePerId('row', rowsById)
  expectOnePerId('launch', launchesById)
  expectOnePerId('created answer', createdById)
  if (mismatched > 0)
    violations.push(
      `every answer is the stored batch: ${mismatched} answers carry another createTime or creator`,
    )
  const expected = shape.ids.length * shape.instances * shape.submitsPerId
  if (answers.length !== expected)
    violations.push(`every submission answered: ${answers.length} of ${expected}`)

  const created = answers.filter((a) => a.outcome === 'created').length
  return {
    ok: violations.length === 0,
    violations,
    instances: shape.instances,
    processes: shape.processes,
    ids: shape.ids.length,
    submissions: answers.length,
    created,
    duplicated: answers.filter((a) => a.outcome === 'duplicated').length,
    errors: errors.length,
    errorSamples: sampleErrors(errors.map((a) => a.error ?? { code: 'UNKNOWN', message: 'unknown' })),
    rowsPerId: histogram(shape.ids, rowsById),
    launchesPerId: histogram(shape.ids, launchesById),
    answersNotMatchingStoredBatch: mismatched,
    latencyMs: summarizeLatency(answers.map((a) => a.latencyMs)),
    durationMs: Math.round(shape.durationMs),
    submissionsPerSecond: shape.durationMs > 0 ? Math.round((answers.length / shape.durationMs) * 1000) : 0,
  }
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1)
  return counts
}

/** `{ "1": 48, "2": 2 }`: how many ids have each count. */
function histogram(ids: readonly string[], counts: Map<string, number>): Record<string, number> {
  const result: Record<string, number> = {}
  for (const id of ids) {
    const key = String(counts.get(id) ?? 0)
    result[key] = (result[key] ?? 0) + 1
  }
  return result
}

function describeCounts(ids: readonly string[], counts: Map<string, number>): string {
  return Object.entries(histogram(ids, counts))
    .map(([count, n]) => `${n} with ${count}`)
    .join(', ')
}

function sampleErrors(errors: readonly { code: string; message: string }[]): RaceReport['errorSamples'] {
  const byKey = new Map<string, { code: string; message: string; count: number }>()
  for (const error of errors) {
    const key = `${error.code}\u0000${error.message}`
    const entry = byKey.get(key) ?? { ...error, count: 0 }
    entry.count += 1
    byKey.set(key, entry)
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count).slice(0, 10)
}
