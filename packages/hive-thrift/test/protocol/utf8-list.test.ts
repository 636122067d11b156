import { describe, expect, it } from 'vitest'
import { packUtf8List } from '../../src/protocol/utf8-list.js'

// The list-of-strings packer takes a JS path for short ASCII strings and Buffer#write for the rest:
// both must give exactly Node's UTF-8 bytes, each after its 4-byte big-endian length.

function reference(strings: readonly string[]): Buffer {
  return Buffer.concat(
    strings.flatMap((text) => {
      const bytes = Buffer.from(text, 'utf8')
      const length = Buffer.alloc(4)
      length.writeInt32BE(bytes.length)
      return [length, bytes]
    }),
  )
}

describe('packUtf8List', () => {
  it('gives the UTF-8 bytes of ASCII, non-ASCII, long, empty and broken strings', () => {
    const strings = [
      '',
      'a',
      'plain ascii, with punctuation: {}[]~\u007f',
      'é',
      'Grüße, 日本語, ✓',
      '😀 outside the BMP',
      'lone \ud800 high and \udc00 low surrogates',
      'x'.repeat(64),
      'y'.repeat(65),
      `${'z'.repeat(100)}é`,
      '\u0000 NUL inside',
    ]
    expect(packUtf8List(strings).equals(reference(strings))).toBe(true)
  })

  it('agrees with Buffer#write on many random strings', () => {
    let seed = 15
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    const pool = [
      'a',
      'Z',
      '0',
      ' ',
      'é',
      'ß',
      '€',
      '日',
      '😀',
      '\ud800',
      '\u007f',
      '\u0080',
      '\u07ff',
      '\u0800',
      '\uffff',
    ]
    const strings = Array.from({ length: 2000 }, () =>
      Array.from({ length: Math.floor(random() * 90) }, () => pool[Math.floor(random() * pool.length)]).join(
        '',
      ),
    )
    expect(packUtf8List(strings).equals(reference(strings))).toBe(true)
  })
})
