import type { BatchRequest, QueueConfig } from '@batchgate/core'
import type { StoreFixtureOptions, StoreFixtureSpec } from '../fixture/store-fixture.js'
import type { WorkLauncherEvent } from './work-launcher.js'

/**
 * What the parent tells one failover worker (an engine in its own OS process), as the first IPC
 * message: never in argv, where `ps` shows the store's password to everyone.
 */
export interface FailoverWorkerJob {
  readonly fixture: StoreFixtureSpec
  readonly fixtureOptions?: StoreFixtureOptions | undefined
  readonly instanceId: string
  /** The engine's `lease` option. */
  readonly lease: { readonly durationMs: number; readonly renewIntervalMs: number }
  readonly maxRunningBatches?: number | undefined
  /** The engine's `queue` option (omitted fields keep the engine's defaults). */
  readonly queue?: Partial<QueueConfig> | undefined
  /** Added to the wall clock to make the engine's `clock` (a skewed host); default 0. */
  readonly clockSkewMs?: number | undefined
  /** The external log of the work launcher. */
  readonly logPath: string
  /** The `batchType` the work launcher serves. */
  readonly batchType: string
  /** Default work time of a batch (ms). */
  readonly workMs: number
}

/** The calls a worker answers (see {@link FailoverCall}). */
export type FailoverCall =
  | { readonly op: 'submit'; readonly request: BatchRequest; readonly user: string }
  /** Claims wait from now on (the store's `claimBatch` blocks) until `release-claims`. */
  | { readonly op: 'hold-claims' }
  | { readonly op: 'release-claims' }
  /** `engine.close()`, then the worker exits 0. */
  | { readonly op: 'close' }

/** Parent → worker. */
export type ToWorker =
  | { readonly kind: 'job'; readonly job: FailoverWorkerJob }
  | { readonly kind: 'call'; readonly id: number; readonly call: FailoverCall }

/** An error as it crosses the process boundary. */
export interface WireError {
  readonly name: string
  readonly message: string
  /** A `BatchgateError`'s stable code. */
  readonly code: string | undefined
}

/** Worker → parent. */
export type FromWorker =
  | { readonly kind: 'ready'; readonly instanceId: string }
  | { readonly kind: 'failed'; readonly error: WireError }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: false; readonly error: WireError }
  | { readonly kind: 'event'; readonly event: WorkLauncherEvent; readonly at: number }
  /** Told by the engine's `onBackgroundError`. */
  | { readonly kind: 'background-error'; readonly error: WireError }

/** An error as {@link WireError}. */
export function toWireError(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), code: undefined }
  const code = (error as { code?: unknown }).code
  return { name: error.name, message: error.message, code: typeof code === 'string' ? code : undefined }
}
