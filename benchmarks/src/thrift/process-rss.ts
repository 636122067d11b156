import { readFileSync, writeFileSync } from 'node:fs'

/**
 * Samples another process's resident set from `/proc/<pid>/status` (Linux) every `everyMs`, from
 * outside it: the sampling adds no work to that process's event loop, and a loop busy with one long
 * task cannot hide a peak from it the way it would delay an in-process timer. Where the kernel lets
 * this process reset the child's high-water mark (`/proc/<pid>/clear_refs`, `5`), `VmHWM` also gives
 * the true peak between samples.
 *
 * @example
 * ```ts
 * const sampler = rssSampler(child.pid, 20)
 * … work …
 * const { peakBytes } = sampler.stop()
 * ```
 */
export function rssSampler(pid: number, everyMs: number): { stop(): { peakBytes: number; samples: number } } {
  const hwmReset = resetHighWaterMark(pid)
  let peak = 0
  let samples = 0
  const sample = (): void => {
    const status = readStatus(pid)
    if (status === undefined) return
    samples++
    peak = Math.max(peak, status.rss, hwmReset ? status.hwm : 0)
  }
  sample()
  const timer = setInterval(sample, everyMs)
  return {
    stop: () => {
      clearInterval(timer)
      sample()
      return { peakBytes: peak, samples }
    },
  }
}

/** The RSS of `pid` now, in bytes. */
export function rssOf(pid: number): number {
  const status = readStatus(pid)
  if (status === undefined) throw new Error(`cannot read /proc/${pid}/status`)
  return status.rss
}

function readStatus(pid: number): { rss: number; hwm: number } | undefined {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch {
    return undefined
  }
  const kib = (field: string): number =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(text)?.[1] ?? 0)
  return { rss: kib('VmRSS') * 1024, hwm: kib('VmHWM') * 1024 }
}

function resetHighWaterMark(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}
