/** How long and how big: `--quick` for a check in under a minute, the full run for the published table. */
export interface BenchSettings {
  readonly mode: 'full' | 'quick'
  /** Time budget of one task in one round, in milliseconds (tinybench `time`). */
  readonly taskMs: number
  /** Warm-up of each task before its first round, in milliseconds. */
  readonly warmupMs: number
  /**
   * Rounds per pair: short rounds that alternate subject and baseline (and who goes first), so that a
   * disk whose fsync time swings tenfold on a shared VM slows both alike; each side's median round counts.
   */
  readonly rounds: number
  /** Rows of the in-memory result for the array cursor benchmarks. */
  readonly arrayRows: number
  /** Rows streamed through the streaming cursor for throughput and memory. */
  readonly streamRows: number
  /**
   * Child processes per side of the streaming comparison, alternating cursor and baseline; each side's
   * figure is its median run (one run each moved the ratio by a fifth between runs).
   */
  readonly streamRounds: number
  /** The deep position of the FETCH_PRIOR benchmarks on the streaming cursor. */
  readonly streamDeepRow: number
  /** The multi-instance race. */
  readonly race: { readonly instances: number; readonly ids: number; readonly submitsPerId: number }
  /** The high-availability groups (`claims`, `adoption`): see benchmarks/src/ha. */
  readonly ha: {
    /** PENDING batches in the launch queue when the claim throughput is measured. */
    readonly queue: number
    /** SIGKILLs of an engine process per store in the adoption latency benchmark. */
    readonly kills: number
  }
}

export const FULL: BenchSettings = {
  mode: 'full',
  taskMs: 500,
  warmupMs: 300,
  rounds: 11,
  arrayRows: 1_000_000,
  streamRows: 10_000_000,
  streamRounds: 5,
  streamDeepRow: 5_000_000,
  race: { instances: 8, ids: 50, submitsPerId: 3 },
  ha: { queue: 10_000, kills: 20 },
}

export const QUICK: BenchSettings = {
  mode: 'quick',
  taskMs: 150,
  warmupMs: 100,
  rounds: 5,
  arrayRows: 1_000_000,
  streamRows: 1_000_000,
  streamRounds: 3,
  streamDeepRow: 500_000,
  race: { instances: 8, ids: 20, submitsPerId: 3 },
  ha: { queue: 1000, kills: 3 },
}

/** Rows per fetch in every cursor benchmark. */
export const BLOCK_ROWS = 1000
