import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BatchRecord } from '@batchgate/core/store'
import {
  BATCH_TABLE,
  batchToRow,
  claimUpdate,
  claimWithToken,
  transferUpdate,
  transferWithRecheck,
  updateStateWithToken,
  type BatchTables,
  type Retrying,
  type WriteTokenTables,
} from '@batchgate/sql-store'
import { sampleRecord } from '@batchgate/testkit'
import Database from 'better-sqlite3'
import { Kysely, SqliteDialect, sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { KIT_BATCH_COLUMNS } from './helpers/defaults-only-store.js'

/** Runs the operation once, as a store does when nothing fails. */
const once: Retrying = (_what, operation) => operation()

/**
 * The first attempt runs to its commit and its answer is lost (a connection lost after the commit);
 * the retry's answer is the call's. `between` runs in the gap, as another instance would.
 */
function answerLostOnce(between: () => Promise<unknown> = () => Promise.resolve()): Retrying {
  return async (_what, operation) => {
    await operation()
    await between()
    return operation()
  }
}

describe('write-token claims, transfers and fenced state changes after a lost answer', () => {
  let directory: string
  let db: Kysely<BatchTables>

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'batchgate-token-writes-'))
    db = new Kysely<BatchTables>({
      dialect: new SqliteDialect({ database: new Database(join(directory, 'batchgate.db')) }),
    })
    // The kit's row and its two write tokens, as a server store's table holds them.
    await sql`create table batchgate_batch (${KIT_BATCH_COLUMNS}, insert_token text not null, state_token text)`.execute(
      db,
    )
  })
  afterEach(async () => {
    await db.destroy()
    rmSync(directory, { recursive: true, force: true })
  })

  async function insert(overrides: Partial<BatchRecord>): Promise<string> {
    const record = sampleRecord(overrides)
    await db
      .withTables<WriteTokenTables>()
      .insertInto(BATCH_TABLE)
      .values({ ...batchToRow(record), queued_at: 1, insert_token: 'i', state_token: null })
      .execute()
    return record.id
  }

  const stored = (id: string) =>
    db
      .selectFrom(BATCH_TABLE)
      .select(['state', 'start_time', 'end_time', 'owner_instance', 'owner_token'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()

  const owner = { instanceId: 'gw-2', token: 'token-2' }

  it('a claim retried after its committed first attempt answers true; a plain retry would have said false', async () => {
    const id = await insert({ ownerInstance: null, ownerToken: null })
    const claim = { expectedOwnerToken: null, owner, startTime: 7 }
    expect(await claimWithToken(db, id, claim, { retrying: answerLostOnce() })).toBe(true)
    expect(await stored(id)).toEqual({
      state: 'RUNNING',
      start_time: 7,
      end_time: null,
      owner_instance: 'gw-2',
      owner_token: 'token-2',
    })
    // What the retry finds: the compare-and-set alone matches nothing now.
    const again = await claimUpdate(db, id, claim).executeTakeFirst()
    expect(again.numUpdatedRows).toBe(0n)
  })

  it('a claim that lost to another instance’s answers false, even when its own answer was lost too', async () => {
    const id = await insert({ ownerInstance: null, ownerToken: null })
    const other = { expectedOwnerToken: null, owner: { instanceId: 'gw-3', token: 'token-3' }, startTime: 3 }
    expect(await claimWithToken(db, id, other, { retrying: once })).toBe(true)
    const claim = { expectedOwnerToken: null, owner, startTime: 7 }
    expect(await claimWithToken(db, id, claim, { retrying: answerLostOnce() })).toBe(false)
    expect(await claimWithToken(db, id, claim, { retrying: once })).toBe(false)
    expect(await stored(id)).toMatchObject({ start_time: 3, owner_token: 'token-3' })
  })

  it('a transfer retried after its committed first attempt answers true, to an instance or to the queue', async () => {
    const running = await insert({
      ownerInstance: 'gw-1',
      ownerToken: 'token-1',
      state: 'RUNNING',
      startTime: 1,
    })
    const pending = await insert({ ownerInstance: 'gw-1', ownerToken: 'token-1' })
    const from = { fromInstance: 'gw-1', fromToken: 'token-1' }
    const adopt = { ...from, to: owner, states: ['RUNNING'] } as const
    expect(await transferWithRecheck(db, running, adopt, { retrying: answerLostOnce(), dialect: {} })).toBe(
      true,
    )
    expect((await transferUpdate(db, running, adopt).executeTakeFirst()).numUpdatedRows).toBe(0n)
    const requeue = { ...from, to: null, states: ['PENDING'] } as const
    expect(await transferWithRecheck(db, pending, requeue, { retrying: answerLostOnce(), dialect: {} })).toBe(
      true,
    )
    expect(await stored(running)).toMatchObject({
      state: 'RUNNING',
      owner_instance: 'gw-2',
      owner_token: 'token-2',
    })
    expect(await stored(pending)).toMatchObject({ state: 'PENDING', owner_instance: null, owner_token: null })
  })

  it('a transfer that another adopter made first answers false, retried or not', async () => {
    const id = await insert({ ownerInstance: 'gw-1', ownerToken: 'token-1', state: 'RUNNING', startTime: 1 })
    const from = { fromInstance: 'gw-1', fromToken: 'token-1', states: ['RUNNING'] } as const
    const other = { ...from, to: { instanceId: 'gw-3', token: 'token-3' } }
    expect(await transferWithRecheck(db, id, other, { retrying: once, dialect: {} })).toBe(true)
    const mine = { ...from, to: owner }
    expect(await transferWithRecheck(db, id, mine, { retrying: answerLostOnce(), dialect: {} })).toBe(false)
    expect(await transferWithRecheck(db, id, { ...mine, states: [] }, { retrying: once, dialect: {} })).toBe(
      false,
    )
    expect(await stored(id)).toMatchObject({ owner_token: 'token-3' })
  })

  it('a fenced state change applies only under the owner’s token, and stays true when retried after the batch was adopted', async () => {
    const id = await insert({ ownerInstance: 'gw-1', ownerToken: 'token-1', state: 'RUNNING', startTime: 1 })
    const finish = { from: 'RUNNING', to: 'FINISHED', endTime: 9 } as const
    const writer = { retrying: once, dialect: {} }
    expect(await updateStateWithToken(db, id, { ...finish, ownerToken: 'token-0' }, writer)).toBe(false)
    expect(await stored(id)).toMatchObject({ state: 'RUNNING', end_time: null })
    // Committed, the answer lost, and the batch adopted before the retry: the change was the owner's.
    const adopted = answerLostOnce(() =>
      db
        .updateTable(BATCH_TABLE)
        .set({ owner_instance: 'gw-2', owner_token: 'token-2' })
        .where('id', '=', id)
        .execute(),
    )
    expect(
      await updateStateWithToken(
        db,
        id,
        { ...finish, ownerToken: 'token-1' },
        { ...writer, retrying: adopted },
      ),
    ).toBe(true)
    expect(await stored(id)).toMatchObject({ state: 'FINISHED', end_time: 9, owner_token: 'token-2' })
  })

  it('a fenced state change by an owner whose batch was adopted first answers false, retried or not', async () => {
    const id = await insert({ ownerInstance: 'gw-2', ownerToken: 'token-2', state: 'RUNNING', startTime: 1 })
    const change = { from: 'RUNNING', to: 'ERROR', endTime: 9, ownerToken: 'token-1' } as const
    expect(await updateStateWithToken(db, id, change, { retrying: answerLostOnce(), dialect: {} })).toBe(
      false,
    )
    expect(await stored(id)).toMatchObject({ state: 'RUNNING', end_time: null })
  })
})
