/**
 * A statement's failure inside a statement process, with its SQLSTATE. The process sends its message
 * and SQLSTATE to the gateway, which raises core's `StatementError` from them: the process does not
 * load `@batchgate/core` (it would double the process's start-up time).
 *
 * @example
 * ```ts
 * throw new WorkerError('the statement would write', '25006')
 * ```
 */
export class WorkerError extends Error {
  override readonly name = 'WorkerError'

  constructor(
    message: string,
    readonly sqlState: string,
  ) {
    super(message)
  }
}
