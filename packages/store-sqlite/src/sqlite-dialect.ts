import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely'

/**
 * Kysely's SQLite driver, but transactions start with `BEGIN IMMEDIATE`: the write lock is taken up
 * front (waiting through the busy timeout), instead of upgrading a read lock later, which SQLite
 * answers with an immediate `SQLITE_BUSY` when another process wrote in between. That is what makes
 * the migration transaction safe when several processes open one file at once.
 */
class ImmediateTransactionSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

/** A {@link SqliteDialect} whose transactions begin immediate. */
export class ImmediateTransactionSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0]

  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config)
    this.#config = config
  }

  override createDriver(): Driver {
    return new ImmediateTransactionSqliteDriver(this.#config)
  }
}
