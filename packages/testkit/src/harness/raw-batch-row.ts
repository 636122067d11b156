import type { BatchState } from '@batchgate/core'

/**
 * A batch row as the store author's own raw query reads it, straight from the database — not through
 * the store under test — so a store that lies about what it wrote is caught.
 */
export interface RawBatchRow {
  readonly id: string
  readonly owner: string
  readonly batchType: string
  readonly resource: string
  readonly className: string | null
  readonly name: string | null
  readonly conf: Readonly<Record<string, string>>
  readonly args: readonly string[]
  readonly fingerprint: string
  readonly state: BatchState
  readonly createTime: number
  readonly startTime: number | null
  readonly endTime: number | null
  readonly diagnostic: string | null
  readonly createdBy: string
}
