/**
 * `value` as plain data for comparing what two codecs made of the same message: unset fields (null or
 * undefined, as generated code leaves them) dropped, node-int64 values as bigint, Buffers kept, class
 * instances and null-prototype objects as plain objects.
 */
export function plain(value: unknown): unknown {
  if (value === null || value === undefined) return undefined
  if (Buffer.isBuffer(value)) return Buffer.from(value)
  if (Array.isArray(value)) return value.map(plain)
  if (typeof value !== 'object') return value
  if (isInt64(value)) return value.buffer.readBigInt64BE(value.offset)
  const result: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value)) {
    const converted = plain(field)
    if (converted !== undefined) result[key] = converted
  }
  return result
}

function isInt64(value: object): value is { buffer: Buffer; offset: number } {
  const candidate = value as { buffer?: unknown; offset?: unknown; toNumber?: unknown }
  return (
    Buffer.isBuffer(candidate.buffer) &&
    typeof candidate.offset === 'number' &&
    typeof candidate.toNumber === 'function'
  )
}
