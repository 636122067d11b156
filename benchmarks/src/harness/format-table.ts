import { meetsTarget, type BenchRow } from './bench-result.js'

/** How a figure is printed: grouped thousands for rates, a few decimals for small costs. */
export function formatNumber(value: number | null): string {
  if (value === null || Number.isNaN(value)) return '—'
  const abs = Math.abs(value)
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 3
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
}

function formatTarget(row: BenchRow): string {
  if (row.target === undefined) return ''
  const sign = row.better === 'higher' ? '≥' : '≤'
  const subject = row.target.on === 'ratio' ? 'ratio' : row.unit
  const met = meetsTarget(row)
  const verdict = met === undefined ? '' : met ? ' ✓' : ' ✗'
  return row.target.on === 'ratio'
    ? `${subject} ${sign} ${row.target.bound}${verdict}`
    : `${sign} ${row.target.bound} ${subject}${verdict}`
}

/**
 * The terminal table: one line per figure with its baseline, the ratio (value / baseline), which way
 * is good, and the target with ✓ or ✗; then what each baseline is, and the skipped figures with why.
 */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['figure', 'value', 'baseline', 'unit', 'ratio', 'better', 'target']
  const lines = rows.map((row) => [
    row.name,
    row.skipped === undefined ? formatNumber(row.value) : 'skipped',
    formatNumber(row.baseline),
    row.unit,
    row.ratio === null ? '—' : row.ratio.toFixed(2),
    row.better,
    formatTarget(row),
  ])
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  )
  const numeric = new Set([1, 2, 4])
  const render = (cells: readonly string[]): string =>
    cells
      .map((cell, column) =>
        numeric.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd()
  const rule = widths.map((width) => '─'.repeat(width)).join('  ')
  const notes = rows.flatMap((row) =>
    row.baselineLabel === undefined || row.skipped !== undefined
      ? []
      : [`  ${row.name}: baseline = ${row.baselineLabel}`],
  )
  // One line per reason: a missing server skips a dozen figures for the same reason.
  const skipped = new Map<string, number>()
  for (const row of rows) {
    if (row.skipped !== undefined) skipped.set(row.skipped, (skipped.get(row.skipped) ?? 0) + 1)
  }
  for (const [reason, count] of skipped) notes.push(`  skipped ${count} figure(s): ${reason}`)
  return [render(header), rule, ...lines.map(render), '', ...notes].join('\n')
}
