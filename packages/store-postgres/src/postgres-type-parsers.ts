import pg from 'pg'
import { byteaTextBytes } from './postgres-bytea-text.js'

/**
 * The type parsers of this store's connections: pg's, except that `bigint` (epoch milliseconds, far
 * below 2^53) comes back as a number, as core expects, instead of a string. With `byteaAsText`,
 * `bytea` comes back as the UTF-8 string it holds, instead of a Buffer: the store keeps its free text
 * there (see postgres-schema.ts), so its rows read as the SQL store kit's `BatchRow`, and the kit's
 * queries and row mapping serve it unchanged. An override per pool or client: pg's global parsers,
 * which the host's own pg code may rely on, are left alone.
 *
 * @example
 * ```ts
 * new pg.Pool({ connectionString, types: storeTypeParsers({ byteaAsText: true }) })
 * ```
 */
export function storeTypeParsers(options: { readonly byteaAsText?: boolean } = {}): pg.TypeOverrides {
  const overrides = new pg.TypeOverrides()
  overrides.setTypeParser(pg.types.builtins.INT8, 'text', (value: string) => Number(value))
  if (options.byteaAsText === true) {
    overrides.setTypeParser(pg.types.builtins.BYTEA, 'text', (value: string) =>
      byteaTextBytes(value).toString('utf8'),
    )
  }
  return overrides
}
