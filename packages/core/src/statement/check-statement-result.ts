import { describeValue } from '../errors/describe-value.js'
import { isHiveType } from './hive-type.js'
import type { ResultColumn } from './result-column.js'
import type { StatementResult } from './statement-executor.js'

/** What an executor resolved with: a usable result, or what is wrong with it and its cursor to close. */
export type CheckedResult =
  | { readonly ok: true; readonly result: StatementResult }
  | { readonly ok: false; readonly problem: string; readonly cursor: { close(): Promise<void> } | undefined }

/**
 * Checks what a host's executor resolved with, reading each field once: `columns` an array of
 * `{ name: string, type: HiveType, comment?, precision?, scale? }` (copied and frozen) and `cursor` an
 * object with `fetch` and `close`. A wrong result fails its operation rather than a later fetch. Never
 * throws.
 *
 * @example
 * ```ts
 * const checked = checkStatementResult(await executor.execute(statement, context))
 * if (!checked.ok) fail(checked.problem)
 * ```
 */
export function checkStatementResult(value: unknown): CheckedResult {
  let cursor: { close(): Promise<void> } | undefined
  try {
    if (typeof value !== 'object' || value === null)
      return { ok: false, problem: `it is ${describeValue(value)}, not { columns, cursor }`, cursor }
    const { columns, cursor: given } = value as Record<string, unknown>
    cursor = closable(given)
    if (cursor === undefined || typeof (given as Record<string, unknown>).fetch !== 'function')
      return { ok: false, problem: `its cursor ${describeValue(given)} has no fetch and close`, cursor }
    if (!Array.isArray(columns))
      return { ok: false, problem: `its columns are ${describeValue(columns)}, not an array`, cursor }
    const copied: ResultColumn[] = []
    for (let index = 0; index < columns.length; index++) {
      const column = checkColumn(columns[index] as unknown)
      if (typeof column === 'string') return { ok: false, problem: `columns[${index}] ${column}`, cursor }
      copied.push(column)
    }
    const result: StatementResult = {
      columns: Object.freeze(copied),
      cursor: given as StatementResult['cursor'],
    }
    return { ok: true, result }
  } catch (error) {
    return { ok: false, problem: `it could not be read (${describeValue(error)})`, cursor }
  }
}

function closable(cursor: unknown): { close(): Promise<void> } | undefined {
  if (typeof cursor !== 'object' || cursor === null) return undefined
  const close: unknown = (cursor as Record<string, unknown>).close
  if (typeof close !== 'function') return undefined
  return { close: () => Promise.resolve(close.call(cursor) as unknown).then(() => undefined) }
}

function checkColumn(value: unknown): ResultColumn | string {
  if (typeof value !== 'object' || value === null) return `is ${describeValue(value)}, not a column`
  const { name, type, comment, precision, scale } = value as Record<string, unknown>
  if (typeof name !== 'string') return `has the name ${describeValue(name)}, not a string`
  if (!isHiveType(type)) return `has the type ${describeValue(type)}, not a HiveType`
  if (comment !== undefined && typeof comment !== 'string')
    return `has the comment ${describeValue(comment)}, not a string`
  for (const [field, number] of [
    ['precision', precision],
    ['scale', scale],
  ] as const) {
    if (number !== undefined && (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0))
      return `has the ${field} ${describeValue(number)}, not a non-negative integer`
  }
  return Object.freeze({
    name,
    type,
    ...(comment === undefined ? {} : { comment }),
    ...(precision === undefined ? {} : { precision: precision as number }),
    ...(scale === undefined ? {} : { scale: scale as number }),
  })
}
