import type { Logger } from '@batchgate/core'

/** One line a {@link RecordingLogger} was given: its level, message, and fields with the bound ones. */
export interface LoggedLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error'
  readonly message: string | undefined
  readonly fields: Record<string, unknown>
}

/** A logger of pino's shape that records every line (its children's too) into `lines`. */
export interface RecordingLogger extends Logger {
  readonly lines: LoggedLine[]
}

export function recordingLogger(
  lines: LoggedLine[] = [],
  bindings: Readonly<Record<string, unknown>> = {},
): RecordingLogger {
  const line =
    (level: LoggedLine['level']) =>
    (fields: object, message?: string): void => {
      lines.push({ level, message, fields: { ...bindings, ...fields } })
    }
  return {
    lines,
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    child: (more) => recordingLogger(lines, { ...bindings, ...more }),
  }
}
