import { metastoreUnavailable, type BatchRecord } from '@batchgate/core/store'
import { WriteTokenSqlStore, batchToRow, type BatchTables } from '@batchgate/sql-store'
import { Kysely } from 'kysely'
import { toPostgresRow } from './postgres-batch-row.js'
import { POSTGRES_QUERIES } from './postgres-batch-queries.js'
import { PostgresBatchStatements } from './postgres-batch-statements.js'
import { checkColumnLimits } from './postgres-column-limits.js'
import { CheckedLockPostgresDialect } from './postgres-dialect.js'
import { isPostgresDuplicateKey, isPostgresTransient } from './postgres-error-codes.js'
import { migrateToLatest } from './postgres-migrate.js'
import { createPostgresPool } from './postgres-pool.js'
import type { PostgresBatchRow } from './postgres-schema.js'
import type { ResolvedPostgresStoreOptions } from './postgres-store-options.js'

/**
 * The metastore on a PostgreSQL database shared by many gateway instances, through kysely and a pg
 * pool of its own. Every statement runs on its own in autocommit, on whichever pooled connection is
 * free; the primary key on the batch id settles insert races between instances. Build it with
 * {@link postgresStore}.
 *
 * Built on the SQL store kit's {@link WriteTokenSqlStore}: listing and the purge are the kit's queries
 * in PostgreSQL's form (postgres-batch-queries.ts); writes carry the kit's write tokens, retried after
 * serialization failures, deadlocks, terminated backends and lost connections; the submission path
 * runs on named prepared statements (postgres-batch-statements.ts). A read by id is one autocommit
 * statement (READ COMMITTED): it sees the row whose insert made ours a duplicate, which PostgreSQL only
 * reports once that row is committed. A purge retried after a lost connection may follow a first
 * attempt that did commit: it then deletes a second bounded batch and reports only that one. Harmless
 * for a purge, which only ever deletes expired rows.
 *
 * @example
 * ```ts
 * const store = postgresStore({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' })
 * await store.open()
 * ```
 */
export class PostgresMetadataStore extends WriteTokenSqlStore<PostgresBatchRow> {
  /** OpenTelemetry's `db.system.name`, for the `batchgate:metastore` channel. */
  readonly dbSystem = 'postgresql'

  constructor(private readonly options: ResolvedPostgresStoreOptions) {
    super('the PostgreSQL metastore', POSTGRES_QUERIES, {
      target: options.description,
      retryForMs: options.retryForMs,
      isTransient: isPostgresTransient,
      isDuplicateKey: isPostgresDuplicateKey,
    })
  }

  /** The kit's row, checked against PostgreSQL's columns, its free text as bytes, and its tokens. */
  protected override insertedRow(record: BatchRecord, insertToken: string): PostgresBatchRow {
    const row = batchToRow(record)
    checkColumnLimits(row)
    return toPostgresRow(row, { insert_token: insertToken, state_token: null })
  }

  protected override async connect(): Promise<Kysely<BatchTables>> {
    const { schema } = this.options
    const pool = createPostgresPool(this.options)
    const root = new Kysely<BatchTables>({
      dialect: new CheckedLockPostgresDialect({ pool }, schema, this.options.migrationLockTimeoutMs),
    })
    try {
      await migrateToLatest(root, { schema, retryForMs: this.options.retryForMs, target: this.target })
      this.useStatements(new PostgresBatchStatements(pool, schema))
      // Every query names the schema: a search_path set on the role or the server cannot redirect it.
      return root.withSchema(schema)
    } catch (error) {
      await root.destroy()
      throw metastoreUnavailable(`open the PostgreSQL metastore at ${this.target}`, error)
    }
  }
}
