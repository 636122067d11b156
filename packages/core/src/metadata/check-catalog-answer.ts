import { describeValue } from '../errors/describe-value.js'
import { isHiveType } from '../statement/hive-type.js'
import { StatementError } from '../statement/statement-error.js'
import type { CatalogColumn, CatalogFunction, CatalogSchema, CatalogTable } from './statement-catalog.js'

/**
 * Checks and copies what a host's catalog answered (`schemas`, `tables`, `columns` or `functions`),
 * reading each field once: an array of objects with the fields {@link StatementCatalog} describes.
 * A wrong answer throws a `StatementError` naming the call, the element and the field, which fails
 * the metadata operation rather than a later fetch.
 *
 * @example
 * ```ts
 * const tables = checkCatalogAnswer('tables', await catalog.tables(context))
 * ```
 */
export function checkCatalogAnswer<K extends keyof Answers>(call: K, value: unknown): Answers[K][] {
  const check = CHECKS[call] as (item: Fields) => Answers[K]
  try {
    if (!Array.isArray(value)) throw new Problem(`it is ${describeValue(value)}, not an array`)
    const copy: Answers[K][] = []
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index]
      if (typeof item !== 'object' || item === null)
        throw new Problem(`[${index}] is ${describeValue(item)}, not an object`)
      try {
        copy.push(check(new Fields(item)))
      } catch (error) {
        if (error instanceof Problem) throw new Problem(`[${index}]${error.message}`)
        throw error
      }
    }
    return copy
  } catch (error) {
    const why = error instanceof Problem ? error.message : `it could not be read (${describeValue(error)})`
    throw new StatementError(`the statement executor's catalog answered ${call}() unusably: ${why}`, {
      cause: error,
    })
  }
}

interface Answers {
  schemas: CatalogSchema
  tables: CatalogTable
  columns: CatalogColumn
  functions: CatalogFunction
}

const CHECKS: { readonly [K in keyof Answers]: (item: Fields) => Answers[K] } = {
  schemas: (item) => ({ catalog: item.optionalText('catalog'), name: item.text('name') }),
  tables: (item) => ({
    catalog: item.optionalText('catalog'),
    schema: item.text('schema'),
    name: item.text('name'),
    type: item.optionalText('type'),
    comment: item.optionalText('comment'),
  }),
  columns: (item) => {
    const type = item.read('type')
    if (!isHiveType(type)) throw new Problem(`.type is ${describeValue(type)}, not a HiveType`)
    return {
      catalog: item.optionalText('catalog'),
      schema: item.text('schema'),
      table: item.text('table'),
      name: item.text('name'),
      type,
      precision: item.optionalCount('precision'),
      scale: item.optionalCount('scale'),
      comment: item.optionalText('comment'),
      nullable: item.optionalFlag('nullable'),
      position: item.optionalCount('position', 1),
      defaultValue: item.optionalText('defaultValue'),
      autoIncrement: item.optionalFlag('autoIncrement'),
    }
  },
  functions: (item) => ({
    catalog: item.optionalText('catalog'),
    schema: item.optionalText('schema'),
    name: item.text('name'),
    comment: item.optionalText('comment'),
    returnsTable: item.optionalFlag('returnsTable'),
    specificName: item.optionalText('specificName'),
  }),
}

/** What is wrong with an answer, as the path to the field and what it holds. */
class Problem extends Error {}

/** One element of an answer, each field read once (`null` counts as absent). */
class Fields {
  constructor(private readonly item: object) {}

  read(field: string): unknown {
    return (this.item as Record<string, unknown>)[field]
  }

  text(field: string): string {
    const value = this.read(field)
    if (typeof value !== 'string') throw new Problem(`.${field} is ${describeValue(value)}, not a string`)
    return value
  }

  optionalText(field: string): string | undefined {
    const value = this.read(field)
    if (value === undefined || value === null) return undefined
    if (typeof value !== 'string') throw new Problem(`.${field} is ${describeValue(value)}, not a string`)
    return value
  }

  optionalCount(field: string, least = 0): number | undefined {
    const value = this.read(field)
    if (value === undefined || value === null) return undefined
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < least)
      throw new Problem(`.${field} is ${describeValue(value)}, not an integer of at least ${least}`)
    return value
  }

  optionalFlag(field: string): boolean | undefined {
    const value = this.read(field)
    if (value === undefined || value === null) return undefined
    if (typeof value !== 'boolean') throw new Problem(`.${field} is ${describeValue(value)}, not a boolean`)
    return value
  }
}
