/**
 * `@batchgate/core/diagnostics`: the `node:diagnostics_channel` channels batchgate publishes on, and
 * their message shapes. They are public API: OpenTelemetry (`@batchgate/opentelemetry`), a logger or a
 * test subscribes to them by name or through these objects. With no subscriber they cost nothing: each
 * publisher checks `hasSubscribers` before building a message.
 *
 * @example
 * ```ts
 * import { submitChannel } from '@batchgate/core/diagnostics'
 *
 * submitChannel.asyncEnd.subscribe((message) => console.log(message.batchId, message.outcome))
 * ```
 */
export { submitChannel, type SubmitMessage, type SubmitOutcome } from './submit-channel.js'
export { metastoreChannel, type MetastoreCallMessage } from './metastore-channel.js'
export { launchChannel, type LaunchMessage, type LaunchMode, type LaunchOutcome } from './launch-channel.js'
export { fetchChannel, type FetchMessage } from './fetch-channel.js'
export { requestChannel, type WireRequestMessage } from './request-channel.js'
export { sessionChannel, type SessionEventMessage } from './session-channel.js'
export { operationChannel, type OperationEventMessage } from './operation-channel.js'
export { leaseChannel, type LeaseEventMessage } from './lease-channel.js'
export { CHANNEL_NAMES } from './channel-names.js'
