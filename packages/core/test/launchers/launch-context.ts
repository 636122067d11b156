import type { ApplicationInfo, LaunchContext } from '@batchgate/core'

/** A {@link LaunchContext} built by hand, as the engine's supervisor builds one, recording what the launcher did. */
export interface RecordedLaunchContext extends LaunchContext {
  /** Every line the launcher logged, in order. */
  readonly lines: string[]
  /** Every application report, in order (each answered `true`, as for a RUNNING batch). */
  readonly reports: ApplicationInfo[]
}

/**
 * A launch context for a launcher test: `signal` (default: never aborted), `log` and
 * `reportApplication` recorded.
 *
 * @example
 * ```ts
 * const context = launchContext()
 * await launcher.launch(batch, context)
 * expect(context.lines).toEqual(['started'])
 * ```
 */
export function launchContext(signal: AbortSignal = new AbortController().signal): RecordedLaunchContext {
  const lines: string[] = []
  const reports: ApplicationInfo[] = []
  return {
    signal,
    lines,
    reports,
    log: (line) => lines.push(line),
    reportApplication: (info) => {
      reports.push(info)
      return Promise.resolve(true)
    },
  }
}
