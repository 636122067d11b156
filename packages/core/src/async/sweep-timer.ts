import { reportSafely } from '../errors/report-safely.js'

/** Sweeps at least this far apart, so a tiny idle timeout cannot turn the timer into a busy loop. */
const MIN_SWEEP_INTERVAL_MS = 100
/** And at most this far apart, so a long idle timeout is still obeyed within a minute. */
const MAX_SWEEP_INTERVAL_MS = 60_000

/**
 * Calls `sweep` repeatedly, about as often as `idleTimeoutMs` (within 100 ms and 1 minute), on an
 * unref'd timer that never keeps the host's process alive. A failing sweep goes to `onError`; the next
 * one starts only after the previous settled. Stop it with `clearInterval`.
 *
 * @example
 * ```ts
 * const timer = sweepPeriodically(config.sessions.idleTimeoutMs, () => this.closeIdle(), config.onBackgroundError)
 * clearInterval(timer)
 * ```
 */
export function sweepPeriodically(
  idleTimeoutMs: number,
  sweep: () => Promise<unknown>,
  onError: (error: unknown) => void,
): NodeJS.Timeout {
  const interval = Math.min(Math.max(idleTimeoutMs, MIN_SWEEP_INTERVAL_MS), MAX_SWEEP_INTERVAL_MS)
  let sweeping = false
  const timer = setInterval(() => {
    if (sweeping) return
    sweeping = true
    sweep()
      .catch((error: unknown) => {
        reportSafely(onError, error)
      })
      .finally(() => (sweeping = false))
  }, interval)
  timer.unref()
  return timer
}
