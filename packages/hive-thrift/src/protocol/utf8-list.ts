/** Strings up to this length are encoded by the JS loop below; longer ones by Buffer#write. */
const SHORT = 64

/**
 * The strings as TBinaryProtocol writes a list's elements: each as a 4-byte big-endian byte length
 * and its UTF-8 bytes, all in one Buffer. Result cells are mostly short ASCII strings, for which a
 * JS loop is several times faster than one native Buffer#write call each; anything else (a non-ASCII
 * character, a long string) goes through Buffer#write, so the bytes are always Node's UTF-8 (lone
 * surrogates become U+FFFD as everywhere else in Node). `strings` must all be strings.
 */
export function packUtf8List(strings: readonly string[]): Buffer {
  const n = strings.length
  // Room for the worst case (3 bytes per UTF-16 unit), so no byte length is measured beforehand.
  let capacity = 4 * n
  for (const text of strings) capacity += 3 * text.length
  const bytes = Buffer.allocUnsafe(capacity)
  let at = 0
  for (const text of strings) {
    const start = at + 4
    let end = text.length <= SHORT ? asciiInto(bytes, start, text) : -1
    if (end < 0) end = start + bytes.write(text, start, 'utf8')
    const length = end - start
    bytes[at] = length >>> 24
    bytes[at + 1] = (length >>> 16) & 0xff
    bytes[at + 2] = (length >>> 8) & 0xff
    bytes[at + 3] = length & 0xff
    at = end
  }
  return bytes.subarray(0, at)
}

/** Copies an all-ASCII `text` to `bytes` at `at` and returns where it ends; -1 at the first non-ASCII. */
function asciiInto(bytes: Buffer, at: number, text: string): number {
  const length = text.length
  for (let j = 0; j < length; j++) {
    const code = text.charCodeAt(j)
    if (code >= 0x80) return -1
    bytes[at + j] = code
  }
  return at + length
}
