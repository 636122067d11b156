import { BatchgateError } from '../errors/batchgate-error.js'
import { describeValue } from '../errors/describe-value.js'
import { ErrorCode } from '../errors/error-codes.js'

/**
 * Refuses a resource that a command would read as an option (it starts with `-`), with
 * `INVALID_REQUEST`: under the default arguments `[resource, ...args]`, a resource `-e` and args
 * `['<code>']` would make `node` run the submitter's code.
 *
 * @example
 * ```ts
 * refuseOptionLikeResource('-e') // throws INVALID_REQUEST
 * refuseOptionLikeResource('hdfs:///jobs/app.jar') // passes
 * ```
 */
export function refuseOptionLikeResource(resource: string): void {
  if (!resource.startsWith('-')) return
  throw new BatchgateError(
    ErrorCode.INVALID_REQUEST,
    `resource ${describeValue(resource)} starts with "-", so the command would take it for an option; ` +
      'this launcher does not accept such resources',
  )
}
