import type { Int64 } from 'thrift'
import { PathFailure } from './path-failure.js'

// i64 on the wire is 8 bytes big-endian two's complement. The runtime represents it as node-int64
// (a view on such 8 bytes); we expose bigint and also take safe-integer numbers, so conversion goes
// through the 8 bytes, never through a lossy double.

const TWO_POW_32 = 4294967296
const MIN_I64 = -(1n << 63n)
const MAX_I64 = (1n << 63n) - 1n

/** The bigint value of the runtime's Int64 (as `TBinaryProtocol.readI64` returns it). */
export function bigintOfInt64(value: Int64): bigint {
  return value.buffer.readBigInt64BE(value.offset)
}

/**
 * Writes `value` (a bigint in the i64 range, or a safe-integer number) big-endian at `offset` of
 * `view`. A DataView, because it is the fastest way to put bigints into bytes in a loop.
 */
export function setI64(view: DataView, offset: number, value: unknown): void {
  if (typeof value === 'bigint') {
    // DataView wraps out-of-range values silently: check first.
    if (value < MIN_I64 || value > MAX_I64) throw new PathFailure(`${value} is out of the i64 range`)
    view.setBigInt64(offset, value)
  } else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new PathFailure(`${value} is not a safe integer for an i64`)
    // A signed high word and an unsigned low word: exact for every safe integer, no bigint made.
    const high = Math.floor(value / TWO_POW_32)
    view.setInt32(offset, high)
    view.setUint32(offset + 4, value - high * TWO_POW_32)
  } else {
    throw new PathFailure(`expected an i64 (bigint or number), got ${value === null ? 'null' : typeof value}`)
  }
}
