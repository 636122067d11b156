/**
 * Hands an error to a host's callback (a logger, usually) from background work. The callback throwing
 * must not become an unhandled rejection that ends the host's process, so its own failure goes to
 * `console.error` beside the original error.
 *
 * @example
 * ```ts
 * work().catch((error: unknown) => reportSafely(config.onBackgroundError, error))
 * ```
 */
export function reportSafely(report: (error: unknown) => void, error: unknown): void {
  try {
    report(error)
  } catch (callbackFailure) {
    console.error(
      '[batchgate] a background failure:',
      error,
      '\n[batchgate] and its reporter threw:',
      callbackFailure,
    )
  }
}
