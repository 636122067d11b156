import type { LeaseConfig, QueueConfig } from '@batchgate/core'
import type { StoreTarget } from './store-target.js'

/** The environment variable that carries a worker's job (JSON): never argv, which `ps` shows. */
export const HA_JOB_ENV = 'BATCHGATE_BENCH_HA_JOB'

/**
 * What one child process of the high-availability benchmarks does: run an engine on the target, or
 * drain the launch queue by hand with the raw driver (the claim baseline).
 *
 * @example
 * ```ts
 * const job: HaWorkerJob = { role: 'engine', target, instanceId: 'ha-0', launcher: 'instant', maxRunningBatches: 50 }
 * ```
 */
export interface HaWorkerJob {
  readonly role: 'engine' | 'raw'
  readonly target: StoreTarget
  readonly instanceId: string
  /**
   * `'instant'`: every launch finishes at once (the claim benchmark); `'held'`: launches and
   * recoveries run until the parent sends `finish` (the adoption benchmark), each one reported.
   */
  readonly launcher: 'instant' | 'held'
  readonly maxRunningBatches?: number
  readonly lease?: LeaseConfig
  readonly queue?: Partial<QueueConfig>
  /** How many workers of this role run at once (the raw claimer spreads its reads over them). */
  readonly peers?: number
}

/** A line a worker prints on stdout (one JSON object per line). */
export type HaWorkerMessage =
  | { readonly type: 'ready'; readonly at: number }
  /** A held launcher was called: `launch` for a new or queued batch, `recover` for an adopted one. */
  | { readonly type: 'started'; readonly id: string; readonly how: 'launch' | 'recover'; readonly at: number }
  | { readonly type: 'submitted'; readonly ids: readonly string[] }
  /** After `stop` (or, for the raw role, once the queue is drained): every batch it launched. */
  | { readonly type: 'done'; readonly launched: readonly string[]; readonly recovered: readonly string[] }

/** A command the parent writes on a worker's stdin, one per line. */
export type HaWorkerCommand = 'go' | 'finish' | 'stop' | `submit ${number}`
