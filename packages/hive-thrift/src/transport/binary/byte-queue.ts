/**
 * The bytes a connection received and has not consumed yet, kept as the chunks the socket gave (no copy
 * until a message spans chunks).
 *
 * @example
 * ```ts
 * queue.push(chunk)
 * if (queue.length >= 4) frameLength = queue.peek(4).readUInt32BE(0)
 * ```
 */
export class ByteQueue {
  #chunks: Buffer[] = []
  #length = 0

  /** The number of bytes held. */
  get length(): number {
    return this.#length
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return
    this.#chunks.push(chunk)
    this.#length += chunk.length
  }

  /** The first `count` bytes without consuming them (`count` ≤ {@link length}). */
  peek(count: number): Buffer {
    this.#check(count)
    const first = this.#chunks[0]
    if (first !== undefined && first.length >= count) return first.subarray(0, count)
    return this.contiguous().subarray(0, count)
  }

  /** Consumes and returns the first `count` bytes (`count` ≤ {@link length}). */
  take(count: number): Buffer {
    this.#check(count)
    const first = this.#chunks[0]
    if (first !== undefined && first.length >= count) {
      this.#consume(first, count)
      return first.subarray(0, count)
    }
    const taken = Buffer.allocUnsafe(count)
    let filled = 0
    while (filled < count) {
      const chunk = this.#chunks[0]
      if (chunk === undefined) break
      const part = Math.min(chunk.length, count - filled)
      chunk.copy(taken, filled, 0, part)
      filled += part
      this.#consume(chunk, part)
    }
    return taken
  }

  /** All the bytes held, as one buffer (the chunks are joined once, then kept joined). */
  contiguous(): Buffer {
    if (this.#chunks.length > 1) this.#chunks = [Buffer.concat(this.#chunks, this.#length)]
    return this.#chunks[0] ?? Buffer.alloc(0)
  }

  #consume(first: Buffer, count: number): void {
    if (count === first.length) this.#chunks.shift()
    else this.#chunks[0] = first.subarray(count)
    this.#length -= count
  }

  #check(count: number): void {
    if (!Number.isInteger(count) || count < 0 || count > this.#length) {
      throw new RangeError(`cannot read ${count} of ${this.#length} buffered bytes`)
    }
  }
}
