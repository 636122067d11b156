// The splitter and the tail are internal; these cases pin the chunk boundaries a pipe cannot be made to
// produce on purpose. command-launcher.test.ts covers them through real processes.
import { describe, expect, it } from 'vitest'
import { LineSplitter } from '../../src/launchers/line-splitter.js'
import { OutputTail } from '../../src/launchers/output-tail.js'

function split(chunks: readonly string[], maxLineLength = 10): string[] {
  const lines: string[] = []
  const splitter = new LineSplitter(maxLineLength, (line) => lines.push(line))
  for (const chunk of chunks) splitter.push(chunk)
  splitter.end()
  return lines
}

describe('LineSplitter', () => {
  it.each([
    [['a\nb\n'], ['a', 'b']],
    [
      ['a', 'b', '\n', 'c'],
      ['ab', 'c'],
    ],
    [
      ['a\r', '\nb\r\n'],
      ['a', 'b'],
    ],
    [['a\rb\n'], ['a\rb']],
    [['\n\n'], ['', '']],
    [[''], []],
    [['last'], ['last']],
    [['0123456789abc\nd'], ['0123456789… [3 more characters]', 'd']],
    [['01234567', '89', 'abc', 'de\r', '\n'], ['0123456789… [5 more characters]']],
    [['0123456789\r\n'], ['0123456789']],
    [['0123456789', '\r\n'], ['0123456789']],
    [['012345678\u{1F600}x\n'], ['012345678… [3 more characters]']],
  ])('%j → %j', (chunks, lines) => {
    expect(split(chunks)).toEqual(lines)
  })
})

describe('OutputTail', () => {
  it('keeps the last lines, oldest first', () => {
    const tail = new OutputTail(3)
    expect(tail.lines()).toEqual([])
    for (const line of ['a', 'b']) tail.push(line)
    expect(tail.lines()).toEqual(['a', 'b'])
    for (const line of ['c', 'd', 'e', 'f', 'g']) tail.push(line)
    expect(tail.lines()).toEqual(['e', 'f', 'g'])
  })

  it('keeps nothing with a capacity of 0', () => {
    const tail = new OutputTail(0)
    tail.push('a')
    expect(tail.lines()).toEqual([])
  })
})
