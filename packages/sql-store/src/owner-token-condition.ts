import { sql, type Expression, type SqlBool } from 'kysely'

/**
 * `owner_token = token`, or `owner_token is null` for `null`: the fencing condition of an owner's write,
 * and the expected owner of a claim or a transfer.
 *
 * @example
 * ```ts
 * db.updateTable(BATCH_TABLE).set(columns).where('id', '=', id).where(ownerTokenIs(change.ownerToken ?? null))
 * ```
 */
export function ownerTokenIs(token: string | null): Expression<SqlBool> {
  // Raw, so that it serves the kit's table type and the one widened with write tokens alike.
  return token === null
    ? sql<SqlBool>`${sql.ref('owner_token')} is null`
    : sql<SqlBool>`${sql.ref('owner_token')} = ${token}`
}
