import type { Logger } from './logger.js'

/**
 * The default logger: quiet except for real problems. `warn` and `error` go to `console.error` as
 * `[batchgate] message` followed by the fields (an `err` field printed as the error it is); `info` is
 * dropped, and it has no `debug` (so no debug line is even built for it).
 *
 * @example
 * ```ts
 * const logger = quietConsoleLogger().child({ instanceId: 'gw-1' })
 * logger.warn({ batchId }, 'batch launch failed')
 * ```
 */
export function quietConsoleLogger(bindings: Readonly<Record<string, unknown>> = {}): Logger {
  const write = (fields: object, message: string | undefined): void => {
    const { err, ...rest } = { ...bindings, ...fields } as Record<string, unknown>
    const parts: unknown[] = [`[batchgate] ${message ?? ''}`.trimEnd()]
    if (Object.keys(rest).length > 0) parts.push(rest)
    if (err !== undefined) parts.push(err)
    console.error(...parts)
  }
  // No `debug`: callers skip building debug lines for a logger without it.
  return {
    info: () => undefined,
    warn: write,
    error: write,
    child: (more) => quietConsoleLogger({ ...bindings, ...more }),
  }
}
