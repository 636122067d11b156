/**
 * A submission after validation and normalisation: what the batch service stores and compares.
 * `conf` carries the id key in canonical form when the client gave one.
 */
export interface ValidatedSubmission {
  readonly id: string
  /** Whether the client chose the id (only then can a submission be a duplicate). */
  readonly idGiven: boolean
  readonly owner: string
  readonly batchType: string
  readonly resource: string
  readonly className: string | null
  readonly name: string | null
  readonly conf: Readonly<Record<string, string>>
  readonly args: readonly string[]
  /** Digest of the normalised request without the id key. */
  readonly fingerprint: string
}
