import type { Logger } from '@batchgate/core'

/** One line a {@link RecordingLogger} was given: its level, its fields (with the child bindings) and message. */
export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error'
  readonly fields: Record<string, unknown>
  readonly message: string | undefined
}

/**
 * A real {@link Logger} (pino's shape) that keeps every line, debug included, for a test to read what
 * an engine or a front logged and to search it for secrets; its children write to the same list.
 *
 * @example
 * ```ts
 * const logger = new RecordingLogger()
 * kyuubiRestHandler(engine, { authenticate, logger })
 * expect(logger.at('error')).toHaveLength(1)
 * ```
 */
export class RecordingLogger implements Logger {
  constructor(
    readonly lines: LogLine[] = [],
    private readonly bindings: Record<string, unknown> = {},
  ) {}

  debug(fields: object, message?: string): void {
    this.#write('debug', fields, message)
  }

  info(fields: object, message?: string): void {
    this.#write('info', fields, message)
  }

  warn(fields: object, message?: string): void {
    this.#write('warn', fields, message)
  }

  error(fields: object, message?: string): void {
    this.#write('error', fields, message)
  }

  child(bindings: Record<string, unknown>): Logger {
    return new RecordingLogger(this.lines, { ...this.bindings, ...bindings })
  }

  /** The lines at `level`. */
  at(level: LogLine['level']): LogLine[] {
    return this.lines.filter((line) => line.level === level)
  }

  /** Every line as JSON, errors with their message, stack and cause: what a test searches for secrets. */
  serialized(): string {
    return JSON.stringify(this.lines, (_key, value: unknown) =>
      value instanceof Error
        ? { name: value.name, message: value.message, stack: value.stack, cause: value.cause }
        : value,
    )
  }

  #write(level: LogLine['level'], fields: object, message: string | undefined): void {
    this.lines.push({ level, fields: { ...this.bindings, ...fields }, message })
  }
}
