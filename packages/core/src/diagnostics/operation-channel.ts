import { channel, type Channel } from 'node:diagnostics_channel'

/** The message of {@link operationChannel}: an operation started, ended or closed on this instance. */
export interface OperationEventMessage {
  readonly event: 'started' | 'ended' | 'closed'
  readonly instanceId: string
  readonly operationId: string
  readonly sessionId: string
  readonly user: string
  /** `statement` (executeStatement) or `metadata` (GetTables, GetColumns, ...). */
  readonly kind: 'statement' | 'metadata'
  /** `ended`: the final state (`FINISHED`, `ERROR`, `CANCELED`, `CLOSED`, `TIMEDOUT`). */
  readonly state?: string | undefined
}

/**
 * `batchgate:operation`: published when a statement or metadata operation starts, ends and is closed.
 * Public API.
 *
 * @example
 * ```ts
 * import { operationChannel } from '@batchgate/core/diagnostics'
 * operationChannel.subscribe((message) => console.log((message as OperationEventMessage).event))
 * ```
 */
export const operationChannel: Channel = channel('batchgate:operation')
