import type { TracingChannel } from 'node:diagnostics_channel'
import type { Attributes, Span, SpanKind } from '@opentelemetry/api'

/**
 * What one recorder does with the calls of one tracing channel: the span it opens when a call starts
 * and finishes when it settles, and the metrics it records then. {@link subscribeTracedCalls} drives it.
 */
export interface TracedCall<M extends object> {
  readonly channel: TracingChannel<unknown, M>
  /** The span's name as the call starts (it may be renamed in {@link finishSpan}). */
  spanName(message: M): string
  readonly spanKind: SpanKind
  /** Attributes known when the call starts. */
  spanAttributes(message: M): Attributes
  /** Sets what the settled call tells (outcome, status, exception) before the span ends. */
  finishSpan(message: M, span: Span): void
  /** Records the settled call's metrics. */
  record(message: M, seconds: number): void
}

/** A message's `error` (set by Node's tracing channel), if any. */
export function errorOf(message: object): unknown {
  return (message as { error?: unknown }).error
}
