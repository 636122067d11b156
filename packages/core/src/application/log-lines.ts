import type { BatchLogPage } from './batch-log.js'

/**
 * What a bounded log holds: the newest `lines`, and how many lines before them were dropped. The
 * positions of `lines` start at `dropped`; the marker line takes the position of the last dropped one.
 */
export interface KeptLog {
  readonly dropped: number
  readonly lines: readonly string[]
}

/**
 * The marker line standing for the dropped lines of a log.
 *
 * @example
 * ```ts
 * droppedMarker(1234) // '... 1234 earlier lines dropped ...'
 * ```
 */
export function droppedMarker(dropped: number): string {
  return `... ${dropped} earlier ${dropped === 1 ? 'line' : 'lines'} dropped ...`
}

/**
 * A launcher's text as log lines: split at line breaks (`\n`, `\r\n`, `\r`; one final break ends the
 * last line rather than adding an empty one), lone surrogates replaced, and each line cut to
 * `maxLineBytes` UTF-8 bytes ending in `…`.
 *
 * @example
 * ```ts
 * logLines('a\r\nb\n', 4096) // ['a', 'b']
 * ```
 */
export function logLines(text: string, maxLineBytes: number): string[] {
  const lines = text.toWellFormed().split(/\r\n|\r|\n/)
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines.map((line) => boundedLine(line, maxLineBytes))
}

const ELLIPSIS = '…'
/** The UTF-8 bytes of `…`. */
const ELLIPSIS_BYTES = 3

function boundedLine(line: string, maxBytes: number): string {
  // At most 3 bytes per UTF-16 unit: short lines need no counting.
  if (line.length * 3 <= maxBytes || Buffer.byteLength(line) <= maxBytes) return line
  const budget = maxBytes - ELLIPSIS_BYTES
  let bytes = 0
  let end = 0
  for (const character of line) {
    const code = character.codePointAt(0) ?? 0
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
    if (bytes + size > budget) break
    bytes += size
    end += character.length
  }
  return line.slice(0, end) + ELLIPSIS
}

/**
 * The log as a reader sees it: at most `maxLines` lines (a log written past that and not yet
 * compacted shows only its newest).
 */
export function cappedLog(log: KeptLog, maxLines: number): KeptLog {
  const excess = log.lines.length - maxLines
  if (excess <= 0) return log
  return { dropped: log.dropped + excess, lines: log.lines.slice(excess) }
}

/**
 * One page of a kept log: `size` lines from position `from` (a position before the kept ones starts
 * at the marker), with `total` the position after the last line.
 *
 * @example
 * ```ts
 * pageOf({ dropped: 10, lines: ['k', 'l'] }, 0, 100) // { lines: ['... 10 earlier lines dropped ...', 'k', 'l'], from: 9, total: 12 }
 * ```
 */
export function pageOf(log: KeptLog, from: number, size: number): BatchLogPage {
  const total = log.dropped + log.lines.length
  const first = log.dropped > 0 ? log.dropped - 1 : 0
  const start = Math.max(from, first)
  const lines: string[] = []
  let position = start
  if (log.dropped > 0 && position === log.dropped - 1 && size > 0) {
    lines.push(droppedMarker(log.dropped))
    position++
  }
  const room = size - lines.length
  if (room > 0 && position < total) {
    lines.push(...log.lines.slice(position - log.dropped, position - log.dropped + room))
  }
  return { lines, from: start, total }
}
