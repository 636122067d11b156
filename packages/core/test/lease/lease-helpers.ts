import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createEngine,
  type Batch,
  type BatchLauncher,
  type Engine,
  type EngineOptions,
} from '@batchgate/core'
import type { BatchRecord, MetadataStore } from '@batchgate/core/store'
import { sqliteStore } from '@batchgate/store-sqlite'

/** A fresh SQLite file for one test. */
export function tempDatabase(name: string): string {
  return join(mkdtempSync(join(tmpdir(), `batchgate-${name}-`)), 'batchgate.db')
}

/** Short leases, so that a test sees expiries within a second. */
export const SHORT_LEASE = { durationMs: 300, renewIntervalMs: 100 } as const

/** A hook around one store method: gets the real call and its arguments. */
export type MethodHook = (
  real: (...args: unknown[]) => Promise<unknown>,
  ...args: unknown[]
) => Promise<unknown>

/**
 * A fault injector around a real store: the named methods go through their hooks (which may hold,
 * fail, or call the real method); every other method, coordination included, reaches the store as is.
 */
export function hookedStore(real: MetadataStore, hooks: Readonly<Record<string, MethodHook>>): MetadataStore {
  return new Proxy(real, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver)
      if (typeof value !== 'function') return value
      const method = (value as (...args: unknown[]) => Promise<unknown>).bind(target)
      const hook = typeof property === 'string' ? hooks[property] : undefined
      return hook === undefined ? method : (...args: unknown[]) => hook(method, ...args)
    },
  })
}

/**
 * A launcher whose launches (and recoveries) run until the test settles them, and that rejects when
 * its signal is aborted; it records every call.
 */
export class HeldLauncher implements BatchLauncher {
  readonly calls: { kind: 'launch' | 'recover'; id: string; signal: AbortSignal }[] = []
  readonly #held = new Map<string, { resolve: () => void; reject: (error: Error) => void }>()
  #running = 0
  /** The most launches and recoveries this launcher had running at once. */
  maxRunning = 0

  launch(batch: Batch, context: { signal: AbortSignal }): Promise<void> {
    return this.#hold('launch', batch, context.signal)
  }

  recover(batch: Batch, context: { signal: AbortSignal }): Promise<void> {
    return this.#hold('recover', batch, context.signal)
  }

  /** The ids launched (not recovered), in order. */
  launched(): string[] {
    return this.calls.filter((call) => call.kind === 'launch').map((call) => call.id)
  }

  /** Ends a held call successfully. */
  finish(id: string): void {
    this.#held.get(id)?.resolve()
  }

  #hold(kind: 'launch' | 'recover', batch: Batch, signal: AbortSignal): Promise<void> {
    this.calls.push({ kind, id: batch.id, signal })
    this.#running++
    this.maxRunning = Math.max(this.maxRunning, this.#running)
    return new Promise<void>((resolve, reject) => {
      this.#held.set(batch.id, { resolve, reject })
      signal.addEventListener('abort', () => {
        reject(new Error(`launch of ${batch.id} aborted`))
      })
    }).finally(() => {
      this.#running--
      this.#held.delete(batch.id)
    })
  }
}

/** Engines opened by a test, closed by {@link closeAll}. */
export class Engines {
  readonly #open: Engine[] = []

  async open(
    filename: string,
    options: Omit<EngineOptions, 'store'>,
    wrap = (s: MetadataStore) => s,
  ): Promise<Engine> {
    const engine = await createEngine({ ...options, store: wrap(sqliteStore({ filename })) })
    this.#open.push(engine)
    return engine
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.#open.splice(0).map((engine) => engine.close()))
  }
}

/** A store of its own on the test's file, to read and write rows as they are. */
export async function rawStore(filename: string): Promise<MetadataStore> {
  const store = sqliteStore({ filename })
  await store.open()
  return store
}

/** The stored row of `id` (failing the test when there is none). */
export async function row(store: MetadataStore, id: string): Promise<BatchRecord> {
  const record = await store.getBatch(id)
  if (record === undefined) throw new Error(`batch ${id} is not stored`)
  return record
}

/** A promise that resolves after `ms`, for letting background work run (never for an assertion). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
