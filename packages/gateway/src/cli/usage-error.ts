/**
 * A command line the gateway cannot run with: the message says what is wrong, and the gateway exits
 * with code 2 after printing it.
 *
 * @example
 * ```ts
 * throw new UsageError('--rest-port must be an integer from 0 to 65535, got "http"')
 * ```
 */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}
