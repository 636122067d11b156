import { describe, expect, it } from 'vitest'
import { likePattern } from '../../src/metadata/like-pattern.js'

describe('likePattern (JDBC search patterns)', () => {
  it.each([
    // pattern, name, matches
    [undefined, 'anything', true],
    ['', 'anything', true],
    ['%', '', true],
    ['orders', 'orders', true],
    ['orders', 'ORDERS', true],
    ['orders', 'orders2', false],
    ['ord%', 'orders', true],
    ['ord%', 'ord', true],
    ['ord%', 'xord', false],
    ['%lines', 'order_lines', true],
    ['%_%', 'a', true],
    ['%_%', '', false],
    ['o_der%', 'order_lines', true],
    ['order_lines', 'orderXlines', true],
    ['order\\_lines', 'orderXlines', false],
    ['order\\_lines', 'order_lines', true],
    ['100\\%%', '100%_done', true],
    ['100\\%%', '1000', false],
    ['a\\\\b', 'a\\b', true],
    ['a\\\\b', 'ab', false],
    // A lone trailing backslash is itself.
    ['a\\', 'a\\', true],
    // `\` before an ordinary character just takes it.
    ['\\a', 'A', true],
    ['%a%b%c%', 'xxaxxbxxcxx', true],
    ['%a%b%c%', 'xxaxxcxxbxx', false],
    ['a%%%b', 'ab', true],
    ['_', '日', true],
    ['__', '😀', false],
    ['straße', 'STRASSE', true],
    // `_` is one character of the name even where folding turns it into several (ß → ss, İ → i̇).
    ['stra_e', 'straße', true],
    ['stra__e', 'straße', false],
    ['stra_e', 'STRASSE', false],
    ['_stanbul', 'İstanbul', true],
    ['__stanbul', 'İstanbul', false],
  ])('%j matches %j: %s', (pattern, name, expected) => {
    expect(likePattern(pattern)(name)).toBe(expected)
  })

  it('stays fast on a pattern built to backtrack, since it never becomes a regular expression', () => {
    const pattern = '%a'.repeat(5_000) + '%b'
    const name = 'a'.repeat(2_000)
    // A backtracking regex /^.*a.*a…b$/ would take exponential time; the matcher's bound is quadratic.
    expect(likePattern(pattern)(name)).toBe(false)
    expect(likePattern('%a%b')(name + 'b')).toBe(true)
  })
})
