/**
 * The bytes a `bytea` value's text output holds, in either of PostgreSQL's output formats: `hex`
 * (`\x` and two hex digits a byte; the default since 9.0) or `escape` (`bytea_output = escape`: printable
 * ASCII as it is, `\\` for a backslash, `\ooo` in octal for any other byte). pg's own parser does the
 * same, but is typed `any`.
 *
 * @example
 * ```ts
 * byteaTextBytes('\\x610062').toString('utf8') // 'a\u0000b'
 * ```
 */
export function byteaTextBytes(text: string): Buffer {
  if (text.startsWith('\\x')) return Buffer.from(text.slice(2), 'hex')
  const bytes: number[] = []
  for (let at = 0; at < text.length;) {
    if (text[at] !== '\\') {
      bytes.push(text.charCodeAt(at))
      at += 1
    } else if (text[at + 1] === '\\') {
      bytes.push(0x5c)
      at += 2
    } else {
      bytes.push(Number.parseInt(text.slice(at + 1, at + 4), 8))
      at += 4
    }
  }
  return Buffer.from(bytes)
}
