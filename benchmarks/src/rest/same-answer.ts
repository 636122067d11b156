import { randomUUID } from 'node:crypto'
import { deepStrictEqual } from 'node:assert/strict'
import { benchRequest } from '../submit/bench-request.js'
import type { Load } from './http-load.js'
import type { RestServerProcess } from './rest-server-process.js'

const HEADERS = { Authorization: `Basic ${Buffer.from('bench:x').toString('base64')}` }

/**
 * Checks, before a pair is measured, that the baseline answers what the REST handler answers: the same
 * JSON for the first `GET rowset` block; for a submission, the same fields and values but the id and
 * the create time. A baseline that did less would make the ratio meaningless.
 *
 * @example
 * ```ts
 * await checkSameAnswer('get', subject, baseline)
 * ```
 */
export async function checkSameAnswer(
  load: Load,
  subject: RestServerProcess,
  baseline: RestServerProcess,
): Promise<void> {
  const [ours, bare] = await Promise.all([answerOf(load, subject), answerOf(load, baseline)])
  if (load === 'submit') {
    for (const answer of [ours, bare]) {
      delete answer.id
      delete answer.createTime
    }
  }
  deepStrictEqual(bare, ours, `the bare ${load} server answers differently from the REST handler`)
}

async function answerOf(load: Load, server: RestServerProcess): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}${server.path}`, {
    method: load === 'submit' ? 'POST' : 'GET',
    headers: load === 'submit' ? { ...HEADERS, 'Content-Type': 'application/json' } : HEADERS,
    ...(load === 'submit' ? { body: JSON.stringify(benchRequest(randomUUID())) } : {}),
  })
  if (response.status !== 200)
    throw new Error(`${server.path} answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as Record<string, unknown>
}
