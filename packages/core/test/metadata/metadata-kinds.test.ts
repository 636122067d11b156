import { describe, expect, it } from 'vitest'
import { HiveType, OperationState, type StatementCatalog } from '@batchgate/core'
import { alice, statementEngine } from '../session/statement-engine.js'
import { catalogExecutor, memoryCatalog } from './catalogs.js'
import { allRows, columnNames, metadataOperation, metadataRows } from './metadata-engine.js'

const TYPE_INFO_COLUMNS = [
  'TYPE_NAME',
  'DATA_TYPE',
  'PRECISION',
  'LITERAL_PREFIX',
  'LITERAL_SUFFIX',
  'CREATE_PARAMS',
  'NULLABLE',
  'CASE_SENSITIVE',
  'SEARCHABLE',
  'UNSIGNED_ATTRIBUTE',
  'FIXED_PREC_SCALE',
  'AUTO_INCREMENT',
  'LOCAL_TYPE_NAME',
  'MINIMUM_SCALE',
  'MAXIMUM_SCALE',
  'SQL_DATA_TYPE',
  'SQL_DATETIME_SUB',
  'NUM_PREC_RADIX',
]

const TABLE_COLUMNS = [
  'TABLE_CAT',
  'TABLE_SCHEM',
  'TABLE_NAME',
  'TABLE_TYPE',
  'REMARKS',
  'TYPE_CAT',
  'TYPE_SCHEM',
  'TYPE_NAME',
  'SELF_REFERENCING_COL_NAME',
  'REF_GENERATION',
]

const COLUMN_COLUMNS = [
  'TABLE_CAT',
  'TABLE_SCHEM',
  'TABLE_NAME',
  'COLUMN_NAME',
  'DATA_TYPE',
  'TYPE_NAME',
  'COLUMN_SIZE',
  'BUFFER_LENGTH',
  'DECIMAL_DIGITS',
  'NUM_PREC_RADIX',
  'NULLABLE',
  'REMARKS',
  'COLUMN_DEF',
  'SQL_DATA_TYPE',
  'SQL_DATETIME_SUB',
  'CHAR_OCTET_LENGTH',
  'ORDINAL_POSITION',
  'IS_NULLABLE',
  'SCOPE_CATALOG',
  'SCOPE_SCHEMA',
  'SCOPE_TABLE',
  'SOURCE_DATA_TYPE',
  'IS_AUTO_INCREMENT',
]

const FUNCTION_COLUMNS = [
  'FUNCTION_CAT',
  'FUNCTION_SCHEM',
  'FUNCTION_NAME',
  'REMARKS',
  'FUNCTION_TYPE',
  'SPECIFIC_NAME',
]

/** The five trailing NULL columns of a GetTables row. */
const NO_TYPE = [null, null, null, null, null]

describe('engine.sessions.executeMetadata: each kind', () => {
  it('GET_TYPE_INFO answers one row per HiveType, in java.sql.Types order, with no executor at all', async () => {
    const engine = await statementEngine()
    const handle = await metadataOperation(engine, { kind: 'GET_TYPE_INFO' })
    expect(engine.operations.status(handle, alice)).toMatchObject({
      state: OperationState.FINISHED,
      statement: 'GetTypeInfo()',
      hasResultSet: true,
    })
    expect(columnNames(engine, handle)).toEqual(TYPE_INFO_COLUMNS)
    expect(engine.operations.resultMetadata(handle, alice).map((column) => column.type)).toEqual([
      'STRING',
      'INT',
      'INT',
      'STRING',
      'STRING',
      'STRING',
      'SMALLINT',
      'BOOLEAN',
      'SMALLINT',
      'BOOLEAN',
      'BOOLEAN',
      'BOOLEAN',
      'STRING',
      'SMALLINT',
      'SMALLINT',
      'INT',
      'INT',
      'INT',
    ])
    const rows = await allRows(engine, handle)
    expect(rows).toHaveLength(Object.keys(HiveType).length)
    const dataTypes = rows.map((row) => row[1] as number)
    expect(dataTypes).toEqual([...dataTypes].sort((a, b) => a - b))
    const byName = new Map(rows.map((row) => [row[0], row]))
    expect(byName.get('BIGINT')).toEqual([
      'BIGINT',
      -5,
      19,
      null,
      null,
      null,
      1,
      false,
      3,
      false,
      false,
      false,
      null,
      0,
      0,
      null,
      null,
      10,
    ])
    expect(byName.get('DECIMAL')).toEqual([
      'DECIMAL',
      3,
      38,
      null,
      null,
      'precision,scale',
      1,
      false,
      3,
      false,
      false,
      false,
      null,
      0,
      38,
      null,
      null,
      10,
    ])
    expect(byName.get('VARCHAR')).toEqual([
      'VARCHAR',
      12,
      65_535,
      "'",
      "'",
      'length',
      1,
      true,
      3,
      true,
      false,
      false,
      null,
      0,
      0,
      null,
      null,
      null,
    ])
    // ARRAY, MAP and STRUCT cannot be searched; Hive calls NULL VOID.
    expect(byName.get('MAP')?.slice(0, 3)).toEqual(['MAP', 2000, null])
    expect(byName.get('MAP')?.[8]).toBe(0)
    expect(byName.get('VOID')?.slice(0, 2)).toEqual(['VOID', 0])
    expect(byName.get('INTERVAL_DAY_TIME')?.[1]).toBe(1111)
    expect(byName.get('STRING')?.slice(0, 2)).toEqual(['STRING', 12])
  })

  it('GET_TABLE_TYPES answers TABLE and VIEW', async () => {
    const engine = await statementEngine()
    const handle = await metadataOperation(engine, { kind: 'GET_TABLE_TYPES' })
    expect(columnNames(engine, handle)).toEqual(['TABLE_TYPE'])
    expect(await allRows(engine, handle)).toEqual([['TABLE'], ['VIEW']])
  })

  it('GET_CATALOGS lists the catalogs the schemas name, once each', async () => {
    const engine = await statementEngine({ statementExecutor: catalogExecutor(memoryCatalog()) })
    const handle = await metadataOperation(engine, { kind: 'GET_CATALOGS' })
    expect(columnNames(engine, handle)).toEqual(['TABLE_CAT'])
    expect(await allRows(engine, handle)).toEqual([['spark_catalog']])
  })

  it('GET_SCHEMAS matches the schema pattern and catalog name, ignoring case, ordered by catalog then name', async () => {
    const engine = await statementEngine({ statementExecutor: catalogExecutor(memoryCatalog()) })
    const handle = await metadataOperation(engine, { kind: 'GET_SCHEMAS' })
    expect(columnNames(engine, handle)).toEqual(['TABLE_SCHEM', 'TABLE_CATALOG'])
    expect(await allRows(engine, handle)).toEqual([
      ['main', ''],
      ['Sales_2', 'spark_catalog'],
      ['sales', 'spark_catalog'],
    ])
    expect(await metadataRows(engine, { kind: 'GET_SCHEMAS', schemaPattern: 'SALES%' })).toEqual([
      ['Sales_2', 'spark_catalog'],
      ['sales', 'spark_catalog'],
    ])
    expect(await metadataRows(engine, { kind: 'GET_SCHEMAS', schemaPattern: 'sales\\_%' })).toEqual([
      ['Sales_2', 'spark_catalog'],
    ])
    expect(
      await metadataRows(engine, { kind: 'GET_SCHEMAS', catalogName: 'Spark_Catalog', schemaPattern: '' }),
    ).toEqual([
      ['Sales_2', 'spark_catalog'],
      ['sales', 'spark_catalog'],
    ])
    expect(await metadataRows(engine, { kind: 'GET_SCHEMAS', catalogName: 'hive' })).toEqual([])
  })

  it('GET_TABLES matches schema, table name and types, ordered by type, catalog, schema and name', async () => {
    const engine = await statementEngine({ statementExecutor: catalogExecutor(memoryCatalog()) })
    const handle = await metadataOperation(engine, { kind: 'GET_TABLES' })
    expect(columnNames(engine, handle)).toEqual(TABLE_COLUMNS)
    expect(await allRows(engine, handle)).toEqual([
      ['', 'main', '100%_done', 'TABLE', null, ...NO_TYPE],
      ['', 'main', 'orderXlines', 'TABLE', null, ...NO_TYPE],
      ['', 'main', 'order_lines', 'TABLE', null, ...NO_TYPE],
      ['', 'main', 'orders', 'TABLE', 'one row per order', ...NO_TYPE],
      ['spark_catalog', 'sales', 'Orders', 'TABLE', null, ...NO_TYPE],
      ['', 'main', 'big_orders', 'VIEW', null, ...NO_TYPE],
    ])
    const names = async (request: Parameters<typeof metadataRows>[1]): Promise<unknown[]> =>
      (await metadataRows(engine, request)).map((row) => `${String(row[1])}.${String(row[2])}`)
    expect(await names({ kind: 'GET_TABLES', tableNamePattern: 'orders' })).toEqual([
      'main.orders',
      'sales.Orders',
    ])
    expect(await names({ kind: 'GET_TABLES', schemaPattern: 'main', tableNamePattern: 'orders' })).toEqual([
      'main.orders',
    ])
    expect(await names({ kind: 'GET_TABLES', tableNamePattern: 'order_lines' })).toEqual([
      'main.orderXlines',
      'main.order_lines',
    ])
    expect(await names({ kind: 'GET_TABLES', tableNamePattern: 'order\\_lines' })).toEqual([
      'main.order_lines',
    ])
    expect(await names({ kind: 'GET_TABLES', tableNamePattern: '100\\%%' })).toEqual(['main.100%_done'])
    expect(await names({ kind: 'GET_TABLES', tableNamePattern: '%orders%', tableTypes: [' view '] })).toEqual(
      ['main.big_orders'],
    )
    expect(await names({ kind: 'GET_TABLES', tableTypes: ['TABLE', 'VIEW'] })).toHaveLength(6)
    expect(await names({ kind: 'GET_TABLES', tableTypes: [] })).toHaveLength(6)
    expect(await names({ kind: 'GET_TABLES', tableTypes: ['SYSTEM TABLE'] })).toEqual([])
    expect(await names({ kind: 'GET_TABLES', catalogName: 'spark_catalog' })).toEqual(['sales.Orders'])
  })

  it('GET_COLUMNS answers the 23 JDBC columns of the matched tables, ordered by table and position', async () => {
    const catalog = memoryCatalog()
    const engine = await statementEngine({ statementExecutor: catalogExecutor(catalog) })
    const handle = await metadataOperation(engine, {
      kind: 'GET_COLUMNS',
      schemaPattern: 'main',
      tableNamePattern: 'orders',
    })
    expect(columnNames(engine, handle)).toEqual(COLUMN_COLUMNS)
    expect(engine.operations.resultMetadata(handle, alice)[7]?.type).toBe('TINYINT')
    expect(await allRows(engine, handle)).toEqual([
      [
        null,
        'main',
        'orders',
        'id',
        -5,
        'BIGINT',
        19,
        null,
        0,
        10,
        0,
        null,
        null,
        null,
        null,
        null,
        1,
        'NO',
        null,
        null,
        null,
        null,
        'YES',
      ],
      [
        null,
        'main',
        'orders',
        'price',
        3,
        'DECIMAL',
        10,
        null,
        2,
        10,
        1,
        null,
        null,
        null,
        null,
        null,
        2,
        'YES',
        null,
        null,
        null,
        null,
        'NO',
      ],
      [
        null,
        'main',
        'orders',
        'note',
        12,
        'VARCHAR',
        200,
        null,
        null,
        null,
        1,
        'free text',
        null,
        null,
        null,
        null,
        3,
        'YES',
        null,
        null,
        null,
        null,
        'NO',
      ],
      [
        null,
        'main',
        'orders',
        'placed',
        93,
        'TIMESTAMP',
        29,
        null,
        9,
        null,
        1,
        null,
        'CURRENT_TIMESTAMP',
        null,
        null,
        null,
        4,
        'YES',
        null,
        null,
        null,
        null,
        'NO',
      ],
    ])
    // The catalog was asked for the matched table only; what it answered of other tables is left out.
    expect(catalog.calls.map((call) => [call.method, call.tables])).toEqual([
      ['tables', undefined],
      ['columns', ['orders']],
    ])
  })

  it('GET_COLUMNS keeps each column its place in its table when the column pattern leaves some out', async () => {
    const engine = await statementEngine({ statementExecutor: catalogExecutor(memoryCatalog()) })
    const rows = await metadataRows(engine, {
      kind: 'GET_COLUMNS',
      tableNamePattern: '%orders',
      columnNamePattern: 'P%',
    })
    expect(rows.map((row) => [row[2], row[3], row[16]])).toEqual([
      ['orders', 'price', 2],
      ['orders', 'placed', 4],
    ])
    const all = await metadataRows(engine, { kind: 'GET_COLUMNS' })
    expect(
      all.map(
        (row) => `${String(row[0])}|${String(row[1])}.${String(row[2])}.${String(row[3])}@${String(row[16])}`,
      ),
    ).toEqual([
      'null|main.big_orders.id@1',
      'null|main.order_lines.order_id@1',
      'null|main.order_lines.sku@2',
      'null|main.orders.id@1',
      'null|main.orders.price@2',
      'null|main.orders.note@3',
      'null|main.orders.placed@4',
      'spark_catalog|sales.Orders.total@7',
    ])
  })

  it('GET_COLUMNS does not ask the catalog for columns when no table matched', async () => {
    const catalog = memoryCatalog()
    const engine = await statementEngine({ statementExecutor: catalogExecutor(catalog) })
    expect(await metadataRows(engine, { kind: 'GET_COLUMNS', tableNamePattern: 'nothing%' })).toEqual([])
    expect(catalog.calls.map((call) => call.method)).toEqual(['tables'])
  })

  it('GET_FUNCTIONS matches the function name and schema, ordered by catalog, schema and name', async () => {
    const engine = await statementEngine({ statementExecutor: catalogExecutor(memoryCatalog()) })
    const handle = await metadataOperation(engine, { kind: 'GET_FUNCTIONS', functionNamePattern: '%' })
    expect(columnNames(engine, handle)).toEqual(FUNCTION_COLUMNS)
    expect(await allRows(engine, handle)).toEqual([
      [null, null, 'explode', '', 2, 'explode'],
      [null, null, 'lower', '', 1, 'lower'],
      [null, null, 'upper', 'upper(str) - the string in upper case', 1, 'upper'],
      [null, 'sales', 'net_price', '', 1, 'net_price(decimal)'],
    ])
    expect(await metadataRows(engine, { kind: 'GET_FUNCTIONS', functionNamePattern: 'UP%' })).toEqual([
      [null, null, 'upper', 'upper(str) - the string in upper case', 1, 'upper'],
    ])
    expect(
      await metadataRows(engine, { kind: 'GET_FUNCTIONS', schemaPattern: 'sales', functionNamePattern: '%' }),
    ).toEqual([[null, 'sales', 'net_price', '', 1, 'net_price(decimal)']])
  })

  it.each([
    ['no statement executor', undefined],
    ['an executor without a catalog', catalogExecutor(undefined)],
  ])('answers the catalog kinds with no rows, in their columns, with %s', async (_, executor) => {
    const engine = await statementEngine(executor === undefined ? {} : { statementExecutor: executor })
    for (const [request, width] of [
      [{ kind: 'GET_CATALOGS' }, 1],
      [{ kind: 'GET_SCHEMAS' }, 2],
      [{ kind: 'GET_TABLES' }, 10],
      [{ kind: 'GET_COLUMNS' }, 23],
      [{ kind: 'GET_FUNCTIONS', functionNamePattern: '%' }, 6],
    ] as const) {
      const handle = await metadataOperation(engine, request)
      expect(engine.operations.status(handle, alice).state, request.kind).toBe(OperationState.FINISHED)
      expect(columnNames(engine, handle)).toHaveLength(width)
      expect(await allRows(engine, handle)).toEqual([])
    }
  })

  it('answers GET_FUNCTIONS with no rows from a catalog without a functions method', async () => {
    const full = memoryCatalog()
    const catalog: StatementCatalog = {
      schemas: (context) => full.schemas(context),
      tables: (context) => full.tables(context),
      columns: (tables, context) => full.columns(tables, context),
    }
    const engine = await statementEngine({ statementExecutor: catalogExecutor(catalog) })
    expect(await metadataRows(engine, { kind: 'GET_FUNCTIONS', functionNamePattern: '%' })).toEqual([])
  })

  it("gives the catalog the session's user (a proxy user), conf and an AbortSignal", async () => {
    const catalog = memoryCatalog()
    const engine = await statementEngine({ statementExecutor: catalogExecutor(catalog) })
    const session = await engine.sessions.open(
      { 'kyuubi.session.proxy.user': 'carol', a: '1' },
      { user: 'root' },
    )
    await engine.sessions.executeMetadata(session.handle, { kind: 'GET_TABLES' }, { user: 'root' })
    const context = catalog.calls[0]?.context
    expect(context?.user).toBe('carol')
    expect(context?.sessionConf).toEqual({ 'kyuubi.session.proxy.user': 'carol', a: '1' })
    expect(context?.signal).toBeInstanceOf(AbortSignal)
  })

  it("describes the call in its status's statement, with only the filters given", async () => {
    const engine = await statementEngine({ statementExecutor: catalogExecutor(memoryCatalog()) })
    const described = async (request: Parameters<typeof metadataOperation>[1]): Promise<string> =>
      engine.operations.status(await metadataOperation(engine, request), alice).statement
    expect(await described({ kind: 'GET_TABLES', schemaPattern: '%', tableNamePattern: 't%' })).toBe(
      'GetTables(schema=%, table=t%)',
    )
    expect(await described({ kind: 'GET_TABLES', catalogName: 'c', tableTypes: ['TABLE', 'VIEW'] })).toBe(
      'GetTables(catalog=c, types=[TABLE, VIEW])',
    )
    expect(
      await described({ kind: 'GET_COLUMNS', tableNamePattern: 'orders', columnNamePattern: 'id' }),
    ).toBe('GetColumns(table=orders, column=id)')
    expect(await described({ kind: 'GET_FUNCTIONS', functionNamePattern: 'up%' })).toBe(
      'GetFunctions(function=up%)',
    )
    expect(await described({ kind: 'GET_SCHEMAS', schemaPattern: '' })).toBe('GetSchemas()')
    expect(await described({ kind: 'GET_CATALOGS' })).toBe('GetCatalogs()')
    expect(await described({ kind: 'GET_TABLE_TYPES' })).toBe('GetTableTypes()')
    const long = await described({ kind: 'GET_TABLES', tableNamePattern: 'x'.repeat(5000) })
    expect(long).toBe(`GetTables(table=${'x'.repeat(200)}…)`)
  })
})
