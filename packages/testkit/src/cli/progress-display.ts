import type { RaceProgress } from '../simulator/race-options.js'

/** Where progress goes: stderr, or anything with its `write` and `isTTY`. */
export interface ProgressStream {
  readonly isTTY?: boolean
  write(text: string): unknown
}

/** Shows a race's progress; `finish()` ends the display (a terminal's line is closed with a newline). */
export interface ProgressDisplay {
  readonly onProgress: (progress: RaceProgress) => void
  finish(): void
}

/** A terminal redraws often enough to look live, seldom enough not to cost the race anything. */
const REDRAW_MS = 100
/** Without a terminal (CI logs, files) a line per tenth of the race, or per second if that is slower. */
const PLAIN_LINE_MS = 1000

/**
 * Progress for a person watching: on a terminal one line redrawn in place with a carriage return; in a
 * log (not a TTY) plain lines, one per 10% and at least one a second while answers come in. No library:
 * a carriage return is all a one-line redraw needs.
 *
 * @example
 * ```ts
 * const display = progressDisplay(process.stderr)
 * await simulateRace({ target, onProgress: display.onProgress }).finally(() => display.finish())
 * ```
 */
export function progressDisplay(stream: ProgressStream, now: () => number = Date.now): ProgressDisplay {
  const line = ({ done, total }: RaceProgress): string =>
    `  racing: ${done}/${total} (${Math.floor((done / total) * 100)}%)`
  let drawn = false
  let lastWrite = Number.NEGATIVE_INFINITY
  let lastTenth = 0
  if (stream.isTTY === true) {
    return {
      onProgress(progress) {
        if (progress.done !== progress.total && now() - lastWrite < REDRAW_MS) return
        lastWrite = now()
        drawn = true
        stream.write(`\r${line(progress)}`)
      },
      finish() {
        if (drawn) stream.write('\n')
      },
    }
  }
  return {
    onProgress(progress) {
      const tenth = Math.floor((progress.done / progress.total) * 10)
      if (tenth === lastTenth && progress.done !== progress.total && now() - lastWrite < PLAIN_LINE_MS) return
      lastWrite = now()
      lastTenth = tenth
      stream.write(`${line(progress)}\n`)
    },
    finish() {
      // Every line already ended with its newline.
    },
  }
}
