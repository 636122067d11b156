/**
 * One write to a batch row, as the test's own audit triggers recorded it (see each store's testing
 * entry, e.g. `installSqliteBatchAudit`). Declared here by shape: `@batchgate/sql-store/testing`'s
 * `AuditedChange` is the same.
 */
export interface AuditedChange {
  /** The order the database recorded it in (per batch, the order its row was written). */
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
  /** The database's clock (epoch ms). */
  readonly at: number
}

/** A raw read of every write to the batch table, kept by triggers of the test's own. */
export interface BatchAudit {
  changes(): Promise<readonly AuditedChange[]>
}

/** The moment a lost instance's batch was taken from it: the change that moved its owner away. */
export interface Adoption {
  readonly batchId: string
  readonly change: AuditedChange
}

/**
 * The batches taken from `lostInstance` (their owner moved from it to another instance or to the
 * queue), each with the change that took it.
 *
 * @example
 * ```ts
 * const adopted = adoptionsFrom(await audit.changes(), 'fo-0')
 * ```
 */
export function adoptionsFrom(changes: readonly AuditedChange[], lostInstance: string): Adoption[] {
  const adoptions = new Map<string, AuditedChange>()
  for (const change of changes) {
    if (adoptions.has(change.batchId) || change.op !== 'update') continue
    if (change.oldOwnerInstance === lostInstance && change.newOwnerInstance !== lostInstance) {
      adoptions.set(change.batchId, change)
    }
  }
  return [...adoptions].map(([batchId, change]) => ({ batchId, change }))
}

/** A write that breaks fencing: made to a batch after it was taken from its lost owner, by that owner. */
export interface FencingViolation {
  readonly batchId: string
  readonly change: AuditedChange
  readonly why: string
}

/**
 * The writes to batches adopted from `lostInstance` (RUNNING ones, moved to another instance) made
 * after the adoption that do not come from the adopter: every later change must carry the adopter's
 * owner token and instance, and none may bring in a text naming the lost instance (its launcher's
 * `appId` `<instance>/<pid>`, its launch's error). Empty when fencing held.
 *
 * @example
 * ```ts
 * expect(fencingViolations(await audit.changes(), 'fo-0')).toEqual([])
 * ```
 */
export function fencingViolations(
  changes: readonly AuditedChange[],
  lostInstance: string,
): FencingViolation[] {
  const violations: FencingViolation[] = []
  for (const { batchId, change: adoption } of adoptionsFrom(changes, lostInstance)) {
    if (adoption.newOwnerInstance === null) continue
    let previous = adoption
    for (const change of changes) {
      if (change.batchId !== batchId || change.seq <= adoption.seq) continue
      const why = foreignWrite(change, previous, adoption, lostInstance)
      if (why !== undefined) violations.push({ batchId, change, why })
      previous = change
    }
  }
  return violations
}

function foreignWrite(
  change: AuditedChange,
  previous: AuditedChange,
  adoption: AuditedChange,
  lostInstance: string,
): string | undefined {
  if (
    change.newOwnerToken !== adoption.newOwnerToken ||
    change.newOwnerInstance !== adoption.newOwnerInstance
  ) {
    return `owner ${String(change.newOwnerInstance)}/${String(change.newOwnerToken)} after the adoption by ${String(
      adoption.newOwnerInstance,
    )}/${String(adoption.newOwnerToken)}`
  }
  for (const field of ['diagnostic', 'appId', 'appState'] as const) {
    const value = change[field]
    if (value !== previous[field] && value?.includes(lostInstance) === true) {
      return `${field} written as ${JSON.stringify(value)}, naming ${lostInstance}`
    }
  }
  return undefined
}
