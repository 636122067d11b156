/**
 * What a launcher knows about the application it started (Kyuubi's `appId`, `appUrl`, `appState`,
 * `appDiagnostic`, `appStartTime`), reported with `context.reportApplication` while the batch runs,
 * stored with the batch and returned by `get`, `list` and duplicate answers. Each report replaces the
 * fields it gives and keeps the others.
 *
 * @example
 * ```ts
 * await context.reportApplication({
 *   appId: 'application_1700000000000_0042',
 *   appUrl: 'http://rm:8088/proxy/application_1700000000000_0042/',
 *   appState: 'RUNNING',
 *   appStartTime: Date.now(),
 * })
 * ```
 */
export interface ApplicationInfo {
  /** The cluster's id of the application (a YARN application id, a Kubernetes pod name, …). */
  readonly appId?: string | undefined
  /** Where a person can follow it (the tracking URL). */
  readonly appUrl?: string | undefined
  /** The cluster's state of it, in the cluster's words (e.g. YARN's `RUNNING`, `FINISHED`). */
  readonly appState?: string | undefined
  /** The cluster's diagnostic, e.g. why the application failed. */
  readonly appDiagnostic?: string | undefined
  /** Epoch milliseconds at which the application started. */
  readonly appStartTime?: number | undefined
}
