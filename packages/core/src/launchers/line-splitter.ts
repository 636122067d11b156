/**
 * Turns a stream of decoded text chunks into lines, whatever the chunk boundaries: `\n` ends a line and
 * a `\r` before it is dropped. A line longer than `maxLineLength` keeps its first `maxLineLength`
 * characters and a marker with the number of characters cut; the cut ones are only counted, so memory
 * stays bounded even for output without line breaks.
 *
 * @example
 * ```ts
 * const splitter = new LineSplitter(4096, (line) => lines.push(line))
 * splitter.push('a\r\nb')
 * splitter.push('c\n')
 * splitter.end() // lines: ['a', 'bc']
 * ```
 */
export class LineSplitter {
  #kept = ''
  #cut = 0
  #endsWithCarriageReturn = false

  constructor(
    private readonly maxLineLength: number,
    private readonly emit: (line: string) => void,
  ) {}

  /** Adds a chunk; emits every line it completes. */
  push(text: string): void {
    let start = 0
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      this.#append(text, start, newline)
      this.#emitLine()
      start = newline + 1
    }
    this.#append(text, start, text.length)
  }

  /** Emits the last line when the output did not end with a line break. */
  end(): void {
    if (this.#kept !== '' || this.#cut > 0) this.#emitLine()
  }

  #append(text: string, from: number, to: number): void {
    if (to <= from) return
    const room = this.maxLineLength - this.#kept.length
    const taken = Math.min(room, to - from)
    if (taken > 0) this.#kept += text.slice(from, from + taken)
    this.#cut += to - from - taken
    this.#endsWithCarriageReturn = text.charCodeAt(to - 1) === 0x0d
  }

  #emitLine(): void {
    let line = this.#kept
    let cut = this.#cut
    if (this.#endsWithCarriageReturn) {
      if (cut > 0) cut--
      else line = line.slice(0, -1)
    }
    if (cut > 0 && isHighSurrogate(line.charCodeAt(line.length - 1))) {
      // A cut between the halves of a surrogate pair would leave half a character.
      line = line.slice(0, -1)
      cut++
    }
    if (cut > 0) line = `${line}… [${cut} more characters]`
    this.#kept = ''
    this.#cut = 0
    this.#endsWithCarriageReturn = false
    this.emit(line)
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}
