import pg from 'pg'

/**
 * The type parsers of this store's connections: pg's, except that `bigint` (epoch milliseconds, far
 * below 2^53) comes back as a number, as core expects, instead of a string. An override per pool:
 * pg's global parsers, which the host's own pg code may rely on, are left alone.
 *
 * @example
 * ```ts
 * new pg.Pool({ connectionString, types: storeTypeParsers() })
 * ```
 */
export function storeTypeParsers(): pg.TypeOverrides {
  const overrides = new pg.TypeOverrides()
  overrides.setTypeParser(pg.types.builtins.INT8, 'text', (value: string) => Number(value))
  return overrides
}
