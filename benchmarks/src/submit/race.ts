import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simulateRace, type RaceReport } from '@batchgate/testkit'
import { createStoreFixture as sqliteFixture } from '@batchgate/store-sqlite/testing'
import { createStoreFixture as mysqlFixture } from '@batchgate/store-mysql/testing'
import { absolute, skippedRows, type BenchRow } from '../harness/bench-result.js'
import type { BenchSettings } from '../harness/bench-settings.js'
import { withScratchDatabases } from './mysql-server.js'

/**
 * testkit's multi-instance race (instances × the same ids, each instance on its own store instance):
 * its throughput and latency, absolute figures without a baseline. A race that breaks an invariant
 * fails the run: a fast wrong answer is no figure.
 */
export async function raceRows(settings: BenchSettings): Promise<BenchRow[]> {
  const directory = mkdtempSync(join(tmpdir(), 'batchgate-bench-race-'))
  try {
    const sqlite = await race('SQLite file', settings, sqliteFixture(`sqlite:${join(directory, 'race.db')}`))
    const mysql = await withScratchDatabases(
      1,
      async ([uri = '']) => race('MariaDB', settings, mysqlFixture(uri)),
      (reason) => [
        ...skippedRows([raceName('MariaDB', settings, 'throughput')], 'submits/s', reason),
        ...skippedRows(
          (['p50', 'p99'] as const).map((p) => raceName('MariaDB', settings, `${p} latency`)),
          'ms',
          reason,
          'lower',
        ),
      ],
    )
    return [...sqlite, ...mysql]
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}

async function race(
  where: string,
  settings: BenchSettings,
  fixture: Parameters<typeof simulateRace>[0]['fixture'],
): Promise<BenchRow[]> {
  const report: RaceReport = await simulateRace({ fixture, ...settings.race })
  if (!report.ok) throw new Error(`the race on ${where} broke invariants: ${report.violations.join('; ')}`)
  return [
    absolute({
      name: raceName(where, settings, 'throughput'),
      unit: 'submits/s',
      value: report.submissionsPerSecond,
      better: 'higher',
    }),
    absolute({
      name: raceName(where, settings, 'p50 latency'),
      unit: 'ms',
      value: report.latencyMs.p50,
      better: 'lower',
    }),
    absolute({
      name: raceName(where, settings, 'p99 latency'),
      unit: 'ms',
      value: report.latencyMs.p99,
      better: 'lower',
    }),
  ]
}

function raceName(where: string, settings: BenchSettings, figure: string): string {
  const { instances, ids, submitsPerId } = settings.race
  return `race ${instances} instances × ${ids} ids × ${submitsPerId} · ${where} · ${figure}`
}
