import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
} from 'kysely'

/**
 * Kysely's SQLite driver, but transactions start with `BEGIN IMMEDIATE`: the write lock is taken up
 * front (waiting through the busy timeout), instead of upgrading a read lock later, which SQLite
 * answers with an immediate `SQLITE_BUSY` when another process wrote in between.
 */
class ImmediateTransactionSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

/**
 * SQLite does run DDL inside transactions; kysely's adapter says it does not, which makes its migrator
 * run without one. Saying so lets the migrator check and apply migrations inside one immediate
 * transaction: the file's write lock is then the migration lock across processes, and a failed
 * migration rolls back whole.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true
  }
}

/** A {@link SqliteDialect} whose transactions begin immediate and whose migrations are transactional. */
export class ImmediateTransactionSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0]

  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config)
    this.#config = config
  }

  override createDriver(): Driver {
    return new ImmediateTransactionSqliteDriver(this.#config)
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter()
  }
}
