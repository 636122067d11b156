/**
 * Explicit bucket boundaries (seconds) advised to the SDK for each duration histogram. A host's View
 * can still override them.
 */

/** OpenTelemetry's advice for `http.server.request.duration` and `rpc.server.call.duration`. */
export const REQUEST_SECONDS = Object.freeze([
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
])

/** OpenTelemetry's advice for `db.client.operation.duration`. */
export const DB_OPERATION_SECONDS = Object.freeze([0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10])

/**
 * A submission holds a few metastore calls, and may wait through a busy store's retries (up to its
 * retry budget, 30 s by default): the request buckets, stretched to a minute.
 */
export const SUBMISSION_SECONDS = Object.freeze([
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10, 30, 60,
])

/** A launcher call lasts as long as the batch job it runs: from a second to hours. */
export const LAUNCH_SECONDS = Object.freeze([
  0.1, 0.5, 1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14_400, 43_200,
])

/** A fetch answers a block of rows from a cursor, waiting for a slow source at most. */
export const FETCH_SECONDS = Object.freeze([
  0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
])
