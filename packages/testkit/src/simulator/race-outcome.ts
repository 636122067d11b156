/** One answer an instance got for one submission, compactly. */
export interface RaceAnswer {
  readonly id: string
  readonly outcome: 'created' | 'duplicated' | 'error'
  readonly createTime?: number
  readonly createdBy?: string
  readonly error?: { readonly code: string; readonly message: string }
  readonly latencyMs: number
}

/** What one instance (or one process of instances) reports back. */
export interface InstanceOutcome {
  readonly answers: readonly RaceAnswer[]
  /** The ids this instance's launcher was called for, once per call. */
  readonly launchedIds: readonly string[]
}
