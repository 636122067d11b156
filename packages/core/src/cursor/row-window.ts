/**
 * The rows `[base, end)` of a result that a streaming cursor keeps: a deque over one array with a moving
 * head, so pushing at the back and dropping at the front cost amortised O(1) and no allocation per row.
 */
export class RowWindow<T> {
  private rows: T[] = []
  private head = 0
  private baseOffset = 0

  /** The result offset of the first kept row. */
  get base(): number {
    return this.baseOffset
  }

  /** The result offset after the last kept row. */
  get end(): number {
    return this.baseOffset + this.size
  }

  /** How many rows are kept. */
  get size(): number {
    return this.rows.length - this.head
  }

  /** Appends the row at offset {@link end}. */
  push(row: T): void {
    this.rows.push(row)
  }

  /** Forgets up to `count` rows at the front. */
  dropFront(count: number): void {
    const dropped = Math.min(count, this.size)
    this.head += dropped
    this.baseOffset += dropped
    // Compact once the dead prefix outweighs the live rows, so the array stays within twice the window.
    if (this.head > 1024 && this.head * 2 > this.rows.length) {
      // A plain loop: V8's copyWithin gets and sets each element generically, a few times slower.
      const rows = this.rows
      const live = rows.length - this.head
      for (let i = 0; i < live; i++) rows[i] = rows[this.head + i] as T
      rows.length = live
      this.head = 0
    }
  }

  /** Forgets the rows before `offset`. */
  dropBefore(offset: number): void {
    if (offset > this.baseOffset) this.dropFront(offset - this.baseOffset)
  }

  /** Forgets every row; the window then starts (empty) at `offset`. */
  reset(offset: number): void {
    this.rows = []
    this.head = 0
    this.baseOffset = offset
  }

  /** The kept rows `[from, to)`; the caller keeps both within `[base, end]`. */
  slice(from: number, to: number): T[] {
    const first = this.head + from - this.baseOffset
    return this.rows.slice(first, first + Math.max(0, to - from))
  }
}
