import type { CellValue } from '@batchgate/core'

/*
 * The slow path of the row-set conversion: a non-NULL cell whose JS type is not its column's (an
 * executor that answered a number for a BOOLEAN column, a string for a BIGINT one, …). Each converts
 * predictably, as the column's type would read the value, and never throws:
 * - integer columns: a number truncated toward zero (0 if not finite) and wrapped to the column's
 *   width as Java's narrowing casts do; a bigint wrapped to the width; a boolean 1 or 0; a string
 *   holding a decimal integer that integer (wrapped), any other string 0; bytes 0.
 * - DOUBLE: `Number(value)` (a boolean 1 or 0, a string that is no number NaN, bytes NaN).
 * - BOOLEAN: true for a non-zero number or bigint and for the string `true` in any case; bytes false.
 * - BINARY: a string's UTF-8 bytes, anything else's string form's bytes.
 * - string columns: the value's string form: a bigint or number as `String()` writes it, a boolean as
 *   `true`/`false`, bytes decoded as UTF-8 (as Spark's row-based sets send BINARY).
 */

const utf8 = new TextDecoder('utf-8')

/** `value` as a BIGINT (i64): a bigint within the signed 64-bit range. */
export function toI64(value: Exclude<CellValue, null>): bigint {
  return BigInt.asIntN(64, integerOf(value))
}

/** `value` as a signed integer of `bits` (8, 16 or 32) bits, for TINYINT, SMALLINT and INT columns. */
export function toIntN(value: Exclude<CellValue, null>, bits: 8 | 16 | 32): number {
  if (typeof value === 'number' && Number.isInteger(value) && Number.isSafeInteger(value)) {
    return Number(BigInt.asIntN(bits, BigInt(value)))
  }
  return Number(BigInt.asIntN(bits, integerOf(value)))
}

/** `value` as a DOUBLE. */
export function toDouble(value: Exclude<CellValue, null>): number {
  if (typeof value === 'number') return value
  if (typeof value === 'bigint') return Number(value)
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'string') return value.trim() === '' ? Number.NaN : Number(value)
  return Number.NaN
}

/** `value` as a BOOLEAN. */
export function toBool(value: Exclude<CellValue, null>): boolean {
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value)
  if (typeof value === 'bigint') return value !== 0n
  if (typeof value === 'string') return value.toLowerCase() === 'true'
  return false
}

/** `value` as BINARY bytes. */
export function toBinary(value: Exclude<CellValue, null>): Buffer {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
  return Buffer.from(typeof value === 'string' ? value : String(value), 'utf8')
}

/** `value` as the string a STRING-typed column sends. */
export function toText(value: Exclude<CellValue, null>): string {
  if (typeof value === 'string') return value
  if (value instanceof Uint8Array) return utf8.decode(value)
  return String(value)
}

function integerOf(value: Exclude<CellValue, null>): bigint {
  if (typeof value === 'bigint') return value
  if (typeof value === 'number') return Number.isFinite(value) ? BigInt(Math.trunc(value)) : 0n
  if (typeof value === 'boolean') return value ? 1n : 0n
  if (typeof value === 'string') return /^\s*[+-]?\d+\s*$/.test(value) ? BigInt(value.trim()) : 0n
  return 0n
}
