/**
 * The last `capacity` lines pushed into it: a ring, so a long-running command's output costs at most
 * `capacity` lines of memory.
 *
 * @example
 * ```ts
 * const tail = new OutputTail(2)
 * for (const line of ['a', 'b', 'c']) tail.push(line)
 * tail.lines() // ['b', 'c']
 * ```
 */
export class OutputTail {
  readonly #ring: string[] = []
  #next = 0

  constructor(readonly capacity: number) {}

  /** Keeps `line`, forgetting the oldest one when full. */
  push(line: string): void {
    if (this.capacity === 0) return
    if (this.#ring.length < this.capacity) this.#ring.push(line)
    else this.#ring[this.#next] = line
    this.#next = (this.#next + 1) % this.capacity
  }

  /** The kept lines, oldest first. */
  lines(): string[] {
    if (this.#ring.length < this.capacity) return [...this.#ring]
    return [...this.#ring.slice(this.#next), ...this.#ring.slice(0, this.#next)]
  }
}
