import {
  cursorFromArray,
  HiveType,
  type CatalogColumn,
  type CatalogFunction,
  type CatalogSchema,
  type CatalogTable,
  type ExecuteContext,
  type StatementCatalog,
  type StatementExecutor,
} from '@batchgate/core'

/** The schemas of the test catalog: `main` without a catalog, `sales` and `Sales_2` in `spark_catalog`. */
export const SCHEMAS: readonly CatalogSchema[] = [
  { name: 'sales', catalog: 'spark_catalog' },
  { name: 'main' },
  { name: 'Sales_2', catalog: 'spark_catalog' },
]

export const TABLES: readonly CatalogTable[] = [
  { schema: 'main', name: 'orders', type: 'TABLE', comment: 'one row per order' },
  { schema: 'main', name: 'order_lines' },
  { schema: 'main', name: 'orderXlines', type: 'TABLE' },
  { schema: 'main', name: 'big_orders', type: 'VIEW' },
  { schema: 'main', name: '100%_done', type: 'TABLE' },
  { catalog: 'spark_catalog', schema: 'sales', name: 'Orders', type: 'TABLE' },
]

export const COLUMNS: readonly CatalogColumn[] = [
  {
    schema: 'main',
    table: 'orders',
    name: 'id',
    type: HiveType.BIGINT,
    nullable: false,
    autoIncrement: true,
  },
  { schema: 'main', table: 'orders', name: 'price', type: HiveType.DECIMAL, precision: 10, scale: 2 },
  {
    schema: 'main',
    table: 'orders',
    name: 'note',
    type: HiveType.VARCHAR,
    precision: 200,
    comment: 'free text',
  },
  {
    schema: 'main',
    table: 'orders',
    name: 'placed',
    type: HiveType.TIMESTAMP,
    defaultValue: 'CURRENT_TIMESTAMP',
  },
  { schema: 'main', table: 'order_lines', name: 'order_id', type: HiveType.BIGINT },
  { schema: 'main', table: 'order_lines', name: 'sku', type: HiveType.STRING },
  { schema: 'main', table: 'big_orders', name: 'id', type: HiveType.BIGINT },
  {
    catalog: 'spark_catalog',
    schema: 'sales',
    table: 'Orders',
    name: 'total',
    type: HiveType.DOUBLE,
    position: 7,
  },
]

export const FUNCTIONS: readonly CatalogFunction[] = [
  { name: 'upper', comment: 'upper(str) - the string in upper case' },
  { name: 'explode', returnsTable: true },
  { name: 'lower' },
  { schema: 'sales', name: 'net_price', specificName: 'net_price(decimal)' },
]

/** What the test catalog was asked, in order. */
export interface CatalogCall {
  readonly method: string
  readonly tables?: readonly string[]
  readonly context: ExecuteContext
}

/**
 * An in-memory catalog over the lists above (or those given), as a host writes one, recording its
 * calls; `functions` only when `withFunctions`.
 */
export function memoryCatalog(
  options: {
    schemas?: readonly CatalogSchema[]
    tables?: readonly CatalogTable[]
    columns?: readonly CatalogColumn[]
    functions?: readonly CatalogFunction[] | undefined
  } = {},
): StatementCatalog & { readonly calls: CatalogCall[] } {
  const { schemas = SCHEMAS, tables = TABLES, columns = COLUMNS, functions = FUNCTIONS } = options
  const calls: CatalogCall[] = []
  return {
    calls,
    schemas: (context) => {
      calls.push({ method: 'schemas', context })
      return Promise.resolve(schemas)
    },
    tables: (context) => {
      calls.push({ method: 'tables', context })
      return Promise.resolve(tables)
    },
    columns: (asked, context) => {
      calls.push({ method: 'columns', tables: asked.map((table) => table.name), context })
      // A real catalog may answer more than asked: core keeps only the tables it asked about.
      return Promise.resolve(columns)
    },
    functions: (context) => {
      calls.push({ method: 'functions', context })
      return Promise.resolve(functions)
    },
  }
}

/** An executor that answers every statement with one row, with `catalog` as its catalog. */
export function catalogExecutor(catalog: StatementCatalog | undefined): StatementExecutor {
  return {
    execute: () =>
      Promise.resolve({ columns: [{ name: 'x', type: HiveType.INT }], cursor: cursorFromArray([[1]]) }),
    catalog,
  }
}
