import { SpanStatusCode, type Span } from '@opentelemetry/api'
import { ATTR } from '../attribute-names.js'

/**
 * Marks `span` as a fault: the exception recorded (when there is one), status ERROR, and `error.type`
 * (the `BatchgateError` code, else the error's class name, else `_OTHER`).
 *
 * @example
 * ```ts
 * failSpan(span, message.error, message.errorCode)
 * ```
 */
export function failSpan(span: Span, error: unknown, errorCode: string | undefined): void {
  const type = errorCode ?? errorClassName(error) ?? '_OTHER'
  span.setAttribute(ATTR.errorType, type)
  if (error instanceof Error) span.recordException(error)
  else if (typeof error === 'string') span.recordException(error)
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : type })
}

/** The class name of a thrown `Error` (`TypeError`, `BatchgateError`, ...), else `undefined`. */
export function errorClassName(error: unknown): string | undefined {
  return error instanceof Error ? error.constructor.name || error.name : undefined
}
