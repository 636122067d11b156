import { ErrorCode, type ReassignResult } from '@batchgate/core'
import type { JsonBody } from '../http/read-json-body.js'
import { RestError } from '../http/rest-error.js'

/**
 * The answer of `POST /batches/reassign`, Kyuubi's `ReassignBatchResponse`: the batches moved from
 * `originalKyuubiInstance` to `newKyuubiInstance` (the instance that answered).
 *
 * @example
 * ```ts
 * const { batchIds } = (await response.json()) as ReassignBatchResponseDto
 * ```
 */
export interface ReassignBatchResponseDto {
  readonly batchIds: readonly string[]
  readonly originalKyuubiInstance: string
  readonly newKyuubiInstance: string
}

/**
 * The instance a `POST /batches/reassign` body names: Kyuubi's `ReassignBatchRequest`,
 * `{ "kyuubiInstance": "…" }` (other fields are ignored, as Jackson ignores them). A missing, empty or
 * non-string `kyuubiInstance` is 400 `INVALID_REQUEST` (Kyuubi: 500).
 *
 * @example
 * ```ts
 * reassignedInstanceOf({ empty: false, value: { kyuubiInstance: 'gw-2' } }) // 'gw-2'
 * ```
 */
export function reassignedInstanceOf(body: JsonBody): string {
  if (body.empty) {
    throw invalid('the request body is empty: send {"kyuubiInstance": "<the lost instance>"}')
  }
  const value = body.value
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('the request body must be a JSON object: {"kyuubiInstance": "<the lost instance>"}')
  }
  const instance = (value as Record<string, unknown>).kyuubiInstance
  if (typeof instance !== 'string' || instance.trim() === '') {
    const got = instance === undefined ? 'it is missing' : `got ${describe(instance)}`
    throw invalid(`kyuubiInstance must be a non-empty string naming the lost instance; ${got}`)
  }
  return instance
}

/**
 * The Kyuubi JSON of what `engine.batches.reassign` did.
 *
 * @example
 * ```ts
 * ok(reassignResponseDto(await engine.batches.reassign('gw-2', context)))
 * ```
 */
export function reassignResponseDto(result: ReassignResult): ReassignBatchResponseDto {
  return {
    batchIds: result.batchIds,
    originalKyuubiInstance: result.originalInstance,
    newKyuubiInstance: result.instance,
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return 'an empty string'
  if (Array.isArray(value)) return 'a list'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

function invalid(message: string): RestError {
  return new RestError(400, ErrorCode.INVALID_REQUEST, message)
}
