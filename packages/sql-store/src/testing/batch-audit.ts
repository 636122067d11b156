/**
 * A test's own record of every write to the batch table, kept by triggers the test installs on its
 * database (never by the store): one row per inserted or updated batch row, with the old and new
 * state and owner, in the order the database applied them. The failover tests read it to prove that
 * an instance whose batches were adopted wrote nothing to them afterwards.
 */
export interface AuditedChange {
  /** The order the database recorded the change in (per batch, the order its row was written). */
  readonly seq: number
  readonly batchId: string
  readonly op: 'insert' | 'update'
  readonly oldState: string | null
  readonly newState: string
  readonly oldOwnerInstance: string | null
  readonly newOwnerInstance: string | null
  readonly oldOwnerToken: string | null
  readonly newOwnerToken: string | null
  /** The row's values after the change. */
  readonly diagnostic: string | null
  readonly appId: string | null
  readonly appState: string | null
  /** The database's clock when the trigger ran (epoch ms). */
  readonly at: number
}

/** The audit table the triggers write. */
export const BATCH_AUDIT_TABLE = 'batchgate_test_audit'

/** The columns the triggers copy, in the audit table's order after `batch_id, op`. */
const COPIED = ['state', 'owner_instance', 'owner_token'] as const

/** Every audited change in order: the query, in every SQL dialect (`table` qualified as needed). */
export function auditedChangesSql(table: string = BATCH_AUDIT_TABLE): string {
  return `select * from ${table} order by seq`
}

/** A row of the audit table as a driver reads it (a bigint may come as a string). */
export interface AuditRow {
  readonly seq: number | string
  readonly batch_id: string
  readonly op: string
  readonly old_state: string | null
  readonly new_state: string
  readonly old_owner_instance: string | null
  readonly new_owner_instance: string | null
  readonly old_owner_token: string | null
  readonly new_owner_token: string | null
  readonly diagnostic: string | null
  readonly app_id: string | null
  readonly app_state: string | null
  readonly at: number | string
}

/** A row of {@link auditedChangesSql} as an {@link AuditedChange}. */
export function auditedChangeFromRow(row: AuditRow): AuditedChange {
  return {
    seq: Number(row.seq),
    batchId: row.batch_id,
    op: row.op === 'insert' ? 'insert' : 'update',
    oldState: row.old_state,
    newState: row.new_state,
    oldOwnerInstance: row.old_owner_instance,
    newOwnerInstance: row.new_owner_instance,
    oldOwnerToken: row.old_owner_token,
    newOwnerToken: row.new_owner_token,
    diagnostic: row.diagnostic,
    appId: row.app_id,
    appState: row.app_state,
    at: Number(row.at),
  }
}

/**
 * The statements that create the audit table and its triggers, for each dialect. The triggers fire
 * on every inserted and updated batch row (an update that changes nothing is recorded too: it is still
 * a write). `schema` qualifies PostgreSQL's names.
 *
 * @example
 * ```ts
 * for (const statement of batchAuditDdl('sqlite')) database.exec(statement)
 * ```
 */
export function batchAuditDdl(dialect: 'sqlite' | 'mysql' | 'postgres', schema?: string): string[] {
  const columns = `batch_id, op, ${COPIED.flatMap((column) => [`old_${column}`, `new_${column}`]).join(', ')}, diagnostic, app_id, app_state, at`
  const values = (op: 'insert' | 'update', now: string, diagnostic: string): string =>
    `new.id, '${op}', ${COPIED.flatMap((column) => [op === 'insert' ? 'null' : `old.${column}`, `new.${column}`]).join(', ')}, ${diagnostic}, new.app_id, new.app_state, ${now}`
  switch (dialect) {
    case 'sqlite': {
      const now = "cast((julianday('now') - 2440587.5) * 86400000 as integer)"
      return [
        `create table ${BATCH_AUDIT_TABLE} (seq integer primary key autoincrement, batch_id text not null,
           op text not null, old_state text, new_state text not null, old_owner_instance text,
           new_owner_instance text, old_owner_token text, new_owner_token text, diagnostic text,
           app_id text, app_state text, at integer not null)`,
        ...(['insert', 'update'] as const).map(
          (op) => `create trigger ${BATCH_AUDIT_TABLE}_${op} after ${op} on batchgate_batch
             begin insert into ${BATCH_AUDIT_TABLE} (${columns}) values (${values(op, now, 'new.diagnostic')}); end`,
        ),
      ]
    }
    case 'mysql': {
      const now = 'cast(unix_timestamp(now(3)) * 1000 as signed)'
      return [
        `create table ${BATCH_AUDIT_TABLE} (seq bigint auto_increment primary key, batch_id varchar(64) not null,
           op varchar(8) not null, old_state varchar(16), new_state varchar(16) not null,
           old_owner_instance mediumtext, new_owner_instance mediumtext, old_owner_token varchar(64),
           new_owner_token varchar(64), diagnostic mediumtext, app_id varchar(256), app_state varchar(256),
           at bigint not null) character set utf8mb4`,
        ...(['insert', 'update'] as const).map(
          (op) => `create trigger ${BATCH_AUDIT_TABLE}_${op} after ${op} on batchgate_batch for each row
             insert into ${BATCH_AUDIT_TABLE} (${columns}) values (${values(op, now, 'new.diagnostic')})`,
        ),
      ]
    }
    case 'postgres': {
      const qualified = (name: string): string =>
        schema === undefined ? `"${name}"` : `"${schema}"."${name}"`
      const now = '(extract(epoch from clock_timestamp()) * 1000)::bigint'
      // Free text is bytea in this store (see postgres-bytea-text): the audit keeps it as text.
      const diagnostic = "convert_from(new.diagnostic, 'UTF8')"
      return [
        `create table ${qualified(BATCH_AUDIT_TABLE)} (seq bigserial primary key, batch_id text not null,
           op text not null, old_state text, new_state text not null, old_owner_instance text,
           new_owner_instance text, old_owner_token text, new_owner_token text, diagnostic text,
           app_id text, app_state text, at bigint not null)`,
        `create function ${qualified(`${BATCH_AUDIT_TABLE}_record`)}() returns trigger language plpgsql as $$
           begin
             if tg_op = 'INSERT' then
               insert into ${qualified(BATCH_AUDIT_TABLE)} (${columns}) values (${values('insert', now, diagnostic)});
             else
               insert into ${qualified(BATCH_AUDIT_TABLE)} (${columns}) values (${values('update', now, diagnostic)});
             end if;
             return null;
           end $$`,
        `create trigger ${BATCH_AUDIT_TABLE}_write after insert or update on ${qualified('batchgate_batch')}
           for each row execute function ${qualified(`${BATCH_AUDIT_TABLE}_record`)}()`,
      ]
    }
  }
}
