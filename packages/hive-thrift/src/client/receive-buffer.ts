/**
 * Bytes received and not yet consumed, always contiguous in one growing buffer: pushing a chunk copies
 * it once (the storage doubles when full). Unlike the transport's chunk list (`ByteQueue`), every peek
 * sees all bytes without joining them again, which an unframed (NOSASL) reply needs: its end is found
 * only by walking the whole message after each chunk, and joining the chunks anew each time would make
 * a large reply quadratic.
 *
 * @example
 * ```ts
 * const received = new ReceiveBuffer()
 * received.push(chunk)
 * if (received.length >= 4) frameLength = received.peek().readInt32BE(0)
 * ```
 */
export class ReceiveBuffer {
  private storage = Buffer.alloc(0)
  private start = 0
  private end = 0

  /** Bytes held. */
  get length(): number {
    return this.end - this.start
  }

  push(chunk: Buffer): void {
    if (this.end + chunk.length > this.storage.length) {
      const needed = this.length + chunk.length
      const target =
        needed <= this.storage.length
          ? this.storage
          : Buffer.allocUnsafe(Math.max(needed, this.storage.length * 2, 4096))
      this.storage.copy(target, 0, this.start, this.end)
      this.storage = target
      this.end = this.length
      this.start = 0
    }
    chunk.copy(this.storage, this.end)
    this.end += chunk.length
  }

  /** The held bytes, as a view that is valid until the next `push` or `take`. */
  peek(): Buffer {
    return this.storage.subarray(this.start, this.end)
  }

  /** Removes and returns (as a copy of its own) the first `count` bytes. */
  take(count: number): Buffer {
    const taken = Buffer.from(this.storage.subarray(this.start, this.start + count))
    this.start += count
    if (this.start === this.end) this.start = this.end = 0
    return taken
  }
}
