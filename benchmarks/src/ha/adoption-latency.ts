import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { MetadataStore } from '@batchgate/core/store'
import { BATCH_TABLE } from '@batchgate/sql-store'
import { absolute, skippedRows, type BenchRow } from '../harness/bench-result.js'
import type { BenchSettings } from '../harness/bench-settings.js'
import { benchRecord } from '../submit/bench-request.js'
import type { HaWorkerMessage } from './ha-worker-job.js'
import { HaWorker } from './ha-worker-process.js'
import { note } from './progress-note.js'
import { withTargets } from './ha-targets.js'
import { openRawSql, type RawSql } from './raw-sql.js'
import { openTargetStore, selectedKinds, TARGET_NAMES, type StoreTarget } from './store-target.js'

/** Short leases, so that 20 kills take minutes, not the ten the defaults (30 s / 10 s) would. */
export const ADOPTION_LEASE = { durationMs: 3000, renewIntervalMs: 1000 } as const
/** The target: lease + one heartbeat + 1 s. */
const TARGET_MS = ADOPTION_LEASE.durationMs + ADOPTION_LEASE.renewIntervalMs + 1000
const INSTANCES = 4
/** RUNNING batches each instance attends when one is killed. */
const RUNNING_EACH = 2
/**
 * `maxRunningBatches`: twice what each attends, so the survivors have free slots for the killed
 * instance's batches (an adopted RUNNING batch takes a slot on its adopter).
 */
const SLOTS = 2 * RUNNING_EACH
/** Longest the survivors may take to adopt everything before the run fails. */
const ADOPTION_TIMEOUT_MS = 30_000

const KINDS: readonly StoreTarget['kind'][] = ['sqlite', 'mysql']

/**
 * Adoption latency after a SIGKILL: 4 engine processes (leases of {@link ADOPTION_LEASE}), each
 * attending {@link RUNNING_EACH} RUNNING batches; one is frozen (SIGSTOP), given one more PENDING batch
 * it owns (as if its insert had committed and it died before launching it) and killed (SIGKILL). The
 * latency of a kill is the time from the freeze (the SIGKILL follows within milliseconds) until the
 * survivors have called `recover` on every RUNNING batch of the killed instance and `launch` on its
 * PENDING one (the times the survivors' launchers report). Its median over `settings.ha.kills` kills (a new process replaces each killed
 * one), and the worst, per store.
 */
export async function adoptionRows(settings: BenchSettings): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const kind of selectedKinds(KINDS)) {
    const base = `adoption after SIGKILL · lease ${ADOPTION_LEASE.durationMs} / heartbeat ${ADOPTION_LEASE.renewIntervalMs} ms · ${INSTANCES} instances · ${TARGET_NAMES[kind]} · ${settings.ha.kills} kills`
    const names = [`${base} · median`, `${base} · worst`]
    rows.push(
      ...(await withTargets(
        kind,
        1,
        async ([target]) => {
          if (target === undefined) throw new Error('no target')
          const latencies = await killRounds(target, settings.ha.kills)
          const sorted = [...latencies].sort((a, b) => a - b)
          return [
            absolute({
              name: names[0] ?? '',
              unit: 'ms',
              value: sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN,
              better: 'lower',
              target: { on: 'value', bound: TARGET_MS },
            }),
            absolute({
              name: names[1] ?? '',
              unit: 'ms',
              value: sorted.at(-1) ?? Number.NaN,
              better: 'lower',
            }),
          ]
        },
        (reason) => skippedRows(names, 'ms', reason, 'lower'),
      )),
    )
  }
  return rows
}

/** Every `started` report of every worker, by batch id. */
type StartLog = Map<string, Extract<HaWorkerMessage, { type: 'started' }>[]>

async function killRounds(target: StoreTarget, kills: number): Promise<number[]> {
  const starts: StartLog = new Map()
  let spawned = 0
  const spawnWorker = (): HaWorker => {
    const worker = HaWorker.start({
      role: 'engine',
      target,
      instanceId: `adopt-${spawned++}`,
      launcher: 'held',
      maxRunningBatches: SLOTS,
      lease: ADOPTION_LEASE,
    })
    worker.onMessage((message) => {
      if (message.type !== 'started') return
      starts.set(message.id, [...(starts.get(message.id) ?? []), message])
    })
    return worker
  }
  const live = Array.from({ length: INSTANCES }, spawnWorker)
  const everyone = [...live]
  const sql = openRawSql(target)
  const store = openTargetStore(target)
  await store.open()
  try {
    const latencies: number[] = []
    let freezeToKill = 0
    for (let round = 0; round < kills; round++) {
      await Promise.all(live.map((worker) => worker.ready))
      await Promise.all(live.map((worker) => submitRunning(worker, starts)))
      const victimIndex = round % INSTANCES
      const victim = live[victimIndex]
      if (victim === undefined) throw new Error('no victim')
      const lost = await freezeAndKill(victim, sql, store)
      const latency = await waitAdopted(lost, starts)
      latencies.push(latency)
      note(`${target.kind} kill ${round + 1}: ${latency} ms`)
      freezeToKill = Math.max(freezeToKill, lost.killedAt - lost.frozenAt)
      for (const id of lost.ids) checkOnce(id, starts)
      const replacement = spawnWorker()
      everyone.push(replacement)
      live[victimIndex] = replacement
      for (const worker of live) if (worker !== replacement) worker.send('finish')
      await waitIdle(sql)
    }
    for (const [id] of starts) checkOnce(id, starts)
    console.error(`  (adoption on ${target.kind}: SIGKILL at most ${freezeToKill} ms after the SIGSTOP)`)
    return latencies
  } finally {
    for (const worker of everyone) worker.kill()
    await Promise.all(everyone.map((worker) => worker.exited))
    await store.close()
    await sql.close()
  }
}

/** Has the worker submit {@link RUNNING_EACH} batches and waits until it has launched them. */
async function submitRunning(worker: HaWorker, starts: StartLog): Promise<void> {
  const submitted = worker.next((message) => message.type === 'submitted')
  worker.send(`submit ${RUNNING_EACH}`)
  const message = await submitted
  if (message.type !== 'submitted') throw new Error('unexpected message')
  const deadline = performance.now() + ADOPTION_TIMEOUT_MS
  while (!message.ids.every((id) => starts.has(id))) {
    if (performance.now() > deadline) throw new Error(`${worker.job.instanceId} did not launch its batches`)
    await sleep(10)
  }
}

/** The killed instance's unfinished batches and the moment of its SIGKILL. */
interface LostBatches {
  readonly ids: readonly string[]
  /** The RUNNING ones, which a survivor must recover (the rest it must launch). */
  readonly running: ReadonlySet<string>
  /**
   * When it was frozen: it renewed nothing from then on, so the latency counts from here (the SIGKILL
   * follows a few milliseconds later, after the parent's reads and insert).
   */
  readonly frozenAt: number
  readonly killedAt: number
}

/**
 * Freezes the victim (SIGSTOP), so that it neither renews its lease nor touches its batches from then
 * on, reads its lease token and RUNNING batches with a raw query, inserts one PENDING batch it owns
 * through the store, and kills it (SIGKILL).
 */
async function freezeAndKill(victim: HaWorker, sql: RawSql, store: MetadataStore): Promise<LostBatches> {
  const frozenAt = Date.now()
  victim.kill('SIGSTOP')
  const instanceId = victim.job.instanceId
  const [lease] = await sql.all<{ token: string }>(
    'select token from batchgate_instance_lease where instance_id = ? order by acquired_at desc',
    [instanceId],
  )
  if (lease === undefined) throw new Error(`${instanceId} has no lease`)
  const running = await sql.all<{ id: string }>(
    `select id from ${BATCH_TABLE} where owner_token = ? and state = ?`,
    [lease.token, 'RUNNING'],
  )
  if (running.length !== RUNNING_EACH) throw new Error(`${instanceId} attends ${running.length} batches`)
  const pending = randomUUID()
  await store.insertBatch({ ...benchRecord(pending), ownerInstance: instanceId, ownerToken: lease.token })
  victim.kill('SIGKILL')
  return {
    ids: [...running.map(({ id }) => id), pending],
    running: new Set(running.map(({ id }) => id)),
    frozenAt,
    killedAt: Date.now(),
  }
}

/** Waits until a survivor has started every lost batch; the time from the freeze to the last start. */
async function waitAdopted(lost: LostBatches, starts: StartLog): Promise<number> {
  const deadline = performance.now() + ADOPTION_TIMEOUT_MS
  for (;;) {
    const adopted = lost.ids.map((id) =>
      starts.get(id)?.find((start) => start.how === (lost.running.has(id) ? 'recover' : 'launch')),
    )
    const times = adopted.flatMap((start) => (start === undefined ? [] : [start.at]))
    if (times.length === lost.ids.length) return Math.max(...times) - lost.frozenAt
    if (performance.now() > deadline) {
      throw new Error(`the killed instance's batches were not all adopted in ${ADOPTION_TIMEOUT_MS} ms`)
    }
    await sleep(5)
  }
}

/** Fails the run if a batch was launched more than once, or recovered more than once. */
function checkOnce(id: string, starts: StartLog): void {
  const log = starts.get(id) ?? []
  for (const how of ['launch', 'recover'] as const) {
    const count = log.filter((start) => start.how === how).length
    if (count > 1) throw new Error(`batch ${id}: ${how} called ${count} times`)
  }
}

/** Polls the metastore until no batch is PENDING or RUNNING. */
async function waitIdle(sql: RawSql): Promise<void> {
  const deadline = performance.now() + ADOPTION_TIMEOUT_MS
  for (;;) {
    const [row] = await sql.all<{ n: number | string }>(
      `select count(*) as n from ${BATCH_TABLE} where state in (?, ?)`,
      ['PENDING', 'RUNNING'],
    )
    if (Number(row?.n ?? 0) === 0) return
    if (performance.now() > deadline) throw new Error('batches still unfinished after the round')
    await sleep(20)
  }
}
