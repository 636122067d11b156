import type { BatchRequest } from './batch.js'

/**
 * A submission as a launcher's `validate` sees it: checked and normalised by core (optional fields
 * present, `conf` carrying the canonical id when the client gave one), with the submitting user, before
 * anything is stored or looked up.
 *
 * @example
 * ```ts
 * const validate = (request: ValidatedBatchRequest) => {
 *   if (!request.resource.startsWith('hdfs://')) throw new Error('resource must be an hdfs:// URI')
 * }
 * ```
 */
export interface ValidatedBatchRequest extends Required<Pick<BatchRequest, 'batchType' | 'resource'>> {
  /** The authenticated user submitting it. */
  readonly user: string
  readonly className: string | undefined
  readonly name: string | undefined
  readonly conf: Readonly<Record<string, string>>
  readonly args: readonly string[]
}
