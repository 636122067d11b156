import type { BatchServiceSettings } from './batch-service-settings.js'
import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'

/**
 * Who may see and change a batch: its owner, and the users the host lists as admins.
 *
 * @example
 * ```ts
 * assertMayAccess(config, 'bob', batch.owner, `read batch ${batch.id}`) // PERMISSION_DENIED unless bob owns it or is an admin
 * ```
 */
export function mayAccess(
  config: Pick<BatchServiceSettings, 'admins'>,
  user: string,
  owner: string,
): boolean {
  return user === owner || config.admins.has(user)
}

/** Throws `PERMISSION_DENIED` naming the user and what was refused, unless {@link mayAccess}. */
export function assertMayAccess(
  config: Pick<BatchServiceSettings, 'admins'>,
  user: string,
  owner: string,
  what: string,
): void {
  if (!mayAccess(config, user, owner)) {
    throw new BatchgateError(ErrorCode.PERMISSION_DENIED, `user ${user} may not ${what}`)
  }
}
