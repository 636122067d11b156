import { ErrorCode } from '@batchgate/core'
import { describeInput } from './describe-input.js'
import { RestError } from './rest-error.js'

const INTEGER = /^[+-]?\d{1,16}$/

/**
 * A request's query string, read the way JAX-RS reads Kyuubi's: the first value of a repeated
 * parameter; an empty value counts as absent (so `?batchType=` filters nothing).
 *
 * @example
 * ```ts
 * const query = new QueryParams('from=0&size=2')
 * query.integer('size', 100, ErrorCode.INVALID_REQUEST) // 2
 * ```
 */
export class QueryParams {
  readonly #search: string
  /** Parsed on first use: most routes read no query, and every request is given one. */
  #params: URLSearchParams | undefined

  constructor(search: string) {
    this.#search = search
  }

  /** The parameter's first value, `undefined` when absent or empty. */
  text(name: string): string | undefined {
    this.#params ??= new URLSearchParams(this.#search)
    const value = this.#params.get(name)
    return value === null || value === '' ? undefined : value
  }

  /**
   * The parameter as a safe integer (`fallback` when absent); anything else is a 400 with `code`,
   * naming the parameter.
   */
  integer(name: string, fallback: number, code: string = ErrorCode.INVALID_REQUEST): number {
    const text = this.text(name)
    if (text === undefined) return fallback
    const value = INTEGER.test(text) ? Number(text) : Number.NaN
    if (!Number.isSafeInteger(value)) {
      throw new RestError(400, code, `${name} must be an integer, got ${describeInput(text)}`)
    }
    return value
  }

  /** `true` or `false` (any case; `fallback` when absent); anything else is a 400 naming the parameter. */
  boolean(name: string, fallback: boolean): boolean {
    const text = this.text(name)?.toLowerCase()
    if (text === undefined) return fallback
    if (text === 'true' || text === 'false') return text === 'true'
    throw new RestError(
      400,
      ErrorCode.INVALID_REQUEST,
      `${name} must be true or false, got ${describeInput(text)}`,
    )
  }
}
