import type { BatchRecord } from '../metastore/batch-record.js'

/**
 * A submission after validation and normalisation: the request fields as they will be stored (`conf`
 * carries the id key in canonical form when the client gave one) and the owner.
 */
export interface ValidatedSubmission extends Pick<
  BatchRecord,
  'id' | 'owner' | 'batchType' | 'resource' | 'className' | 'name' | 'conf' | 'args' | 'priority'
> {
  /** Whether the client chose the id (only then can a submission be a duplicate). */
  readonly idGiven: boolean
}
