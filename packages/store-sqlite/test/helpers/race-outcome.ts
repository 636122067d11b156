import { expect } from 'vitest'
import { readRawBatches } from './raw-sqlite.js'

/** One answer a racing instance got for one submission. */
export interface RaceAnswer {
  readonly id: string
  readonly duplicated?: boolean
  readonly createTime?: number
  readonly error?: { code?: string; message: string }
}

/**
 * Checks the invariants of a race on the file itself: exactly one row per id, exactly one launch per
 * id, no errors, exactly one "created" answer per id, and every answer carrying the stored createTime.
 */
export function expectRaceSettled(
  filename: string,
  ids: readonly string[],
  answers: readonly RaceAnswer[],
  launchedIds: readonly string[],
): void {
  expect(answers.filter((answer) => answer.error !== undefined)).toEqual([])
  const rows = readRawBatches(filename)
  expect(rows.map((row) => row.id).sort()).toEqual([...ids].sort())
  const storedCreateTime = new Map(rows.map((row) => [row.id, row.create_time]))
  for (const id of ids) {
    const forId = answers.filter((answer) => answer.id === id)
    expect(
      forId.filter((answer) => answer.duplicated === false),
      `created answers for ${id}`,
    ).toHaveLength(1)
    expect(new Set(forId.map((answer) => answer.createTime))).toEqual(new Set([storedCreateTime.get(id)]))
    expect(
      launchedIds.filter((launched) => launched === id),
      `launches of ${id}`,
    ).toHaveLength(1)
  }
  expect(launchedIds).toHaveLength(ids.length)
}
