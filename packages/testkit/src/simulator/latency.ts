import type { LatencySummary } from './race-report.js'

/** Percentiles by nearest rank; all zero for no samples. */
export function summarizeLatency(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { p50: 0, p90: 0, p99: 0, max: 0, mean: 0 }
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (p: number): number =>
    round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0)
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length
  return {
    p50: rank(0.5),
    p90: rank(0.9),
    p99: rank(0.99),
    max: round(sorted.at(-1) ?? 0),
    mean: round(mean),
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
