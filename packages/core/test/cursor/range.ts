/** `[from, to)` as an array of numbers: row `i` of every test result is the number `i`. */
export function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, index) => from + index)
}
