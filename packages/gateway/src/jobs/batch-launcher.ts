import { fileURLToPath } from 'node:url'
import { commandLauncher, type BatchLauncher } from '@batchgate/core'

/** The bundled job's script, next to this module in dist/. */
const BUNDLED_JOB = fileURLToPath(new URL('./bundled-job.js', import.meta.url))

/**
 * The environment variable that tells a batch command its batch id.
 *
 * @example
 * ```ts
 * // in a batch command written in Node.js
 * const batchId = process.env[BATCH_ID_ENV] // 'BATCHGATE_BATCH_ID'
 * ```
 */
export const BATCH_ID_ENV = 'BATCHGATE_BATCH_ID'

/**
 * The launcher of every batch: `command` run with `[resource, ...args]`, or the bundled job (run by
 * this Node.js) when `command` is undefined. The batch id reaches the command as
 * `BATCHGATE_BATCH_ID`; nothing else of the gateway's environment beyond core's default list
 * (`PATH`, `HOME`, locale…) does, so the store's URI and passwords stay out of submitted jobs.
 *
 * @example
 * ```ts
 * const launcher = batchCommandLauncher('/opt/jobs/run.sh')
 * await createEngine({ store, launchers: { SPARK: launcher } })
 * ```
 */
export function batchCommandLauncher(command: string | undefined): BatchLauncher {
  const env = (batch: { readonly id: string }): Record<string, string> => ({ [BATCH_ID_ENV]: batch.id })
  if (command !== undefined) return commandLauncher({ command, env })
  return commandLauncher({
    command: process.execPath,
    // The script comes first, so nothing of the batch can become an option of node itself.
    args: (batch) => [BUNDLED_JOB, batch.resource, ...batch.args],
    env,
  })
}
