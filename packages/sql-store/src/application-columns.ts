import type { ApplicationInfo } from '@batchgate/core/store'
import type { BatchRow } from './batch-row.js'

/** The columns an application report writes (only those it gives). */
export type ApplicationColumns = Partial<
  Pick<BatchRow, 'app_id' | 'app_url' | 'app_state' | 'app_diagnostic' | 'app_start_time'>
>

/**
 * The columns of an application report: one per field the info gives (a field left out, or
 * `undefined`, keeps its stored value).
 *
 * @example
 * ```ts
 * applicationColumns({ appId: 'application_1_0001' }) // { app_id: 'application_1_0001' }
 * ```
 */
export function applicationColumns(info: ApplicationInfo): ApplicationColumns {
  return {
    ...(info.appId === undefined ? {} : { app_id: info.appId }),
    ...(info.appUrl === undefined ? {} : { app_url: info.appUrl }),
    ...(info.appState === undefined ? {} : { app_state: info.appState }),
    ...(info.appDiagnostic === undefined ? {} : { app_diagnostic: info.appDiagnostic }),
    ...(info.appStartTime === undefined ? {} : { app_start_time: info.appStartTime }),
  }
}
