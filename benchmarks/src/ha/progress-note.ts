/** Whether `BATCHGATE_BENCH_VERBOSE=1`: the workers' stderr and the steps' timings are printed. */
export const VERBOSE = process.env.BATCHGATE_BENCH_VERBOSE === '1'

/**
 * Prints a step of a high-availability benchmark on stderr when {@link VERBOSE} (stdout carries the
 * group's rows).
 *
 * @example
 * ```ts
 * note(`filled 10,000 in ${ms} ms`)
 * ```
 */
export function note(text: string): void {
  if (VERBOSE) process.stderr.write(`  [ha] ${text}\n`)
}
