import type { ServerResponse } from 'node:http'
import { restErrorOf } from '../http/error-statuses.js'
import { sendError } from '../http/send-reply.js'
import type { KyuubiRestSettings } from './kyuubi-rest-options.js'

/**
 * Answers an error that escaped a request's own handling (a reply that failed to serialize): reported to
 * `onError` and answered 500; if even that answer fails (a broken socket), the connection is dropped,
 * never the process. Returns the code answered (`undefined` when nothing could be).
 *
 * @example
 * ```ts
 * serveRequest(req, res, next, environment).catch((error: unknown) => answerUnexpected(res, error, settings))
 * ```
 */
export function answerUnexpected(
  res: ServerResponse,
  error: unknown,
  settings: KyuubiRestSettings,
): string | undefined {
  try {
    const answer = restErrorOf(error, settings.onError)
    sendError(res, answer, true)
    return answer.code
  } catch (failure) {
    settings.onError(failure)
    res.destroy()
    return undefined
  }
}
