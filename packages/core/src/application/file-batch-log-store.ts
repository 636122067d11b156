/// <reference types="node" preserve="true" />
// (Kept in the emitted .d.ts: its declarations use Node's global types, for consumers with "types": [].)
import { appendFile, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import { reportSafely } from '../errors/report-safely.js'
import type { BatchLogPage } from './batch-log.js'
import type { BatchLogSettings } from './batch-log-settings.js'
import type { BatchLogStore } from './batch-log-store.js'
import { batchIdOfLogFile, logFileName } from './log-file-names.js'
import { cappedLog, logLines, pageOf, type KeptLog } from './log-lines.js'

/** Owner only: a log may hold whatever a job prints (paths, user names, tokens it should not print). */
const FILE_MODE = 0o600
const DIRECTORY_MODE = 0o700
/** An entry of the file: a line is `|` and its text; the one marker, always first, is `-` and the count. */
const LINE_TAG = '|'
const MARKER_TAG = '-'

/** The writing of one batch's log, while it runs here. */
interface Writer {
  /** Lines appended and not yet written, at most 2 × maxLines (older ones only counted). */
  pending: string[]
  pendingDropped: number
  /** What the file holds, once read; `undefined` before the first write of this process. */
  file: { dropped: number; count: number } | undefined
  /** The write under way (one pass over what was pending when it began), if any. */
  flushing: Promise<void> | undefined
  failed: boolean
  /** Lines appended so far, and how many of them are written (or dropped): a read waits for its own. */
  appended: number
  settled: number
}

/**
 * Batch logs as files under a directory, one per batch (see {@link logFileName}), owner-only. Lines are
 * appended in the background, in order, one write per burst; when a file holds twice `maxLines` lines
 * it is rewritten with the newest `maxLines` after a marker (a temporary file renamed over it, so a
 * reader sees the old or the new file, never half of one). A write that fails is reported once per
 * launch to `onError` (as `BATCH_LOG_WRITE_FAILED`) and that launch's later lines are dropped: a log
 * never fails its batch, and nothing keeps piling up in memory. A missing file (or directory) is an
 * empty log.
 *
 * @example
 * ```ts
 * const logs = new FileBatchLogStore({ directory: '/var/lib/batchgate/logs', maxLines: 10_000, maxLineBytes: 4096, maxBatches: 100 }, console.error)
 * ```
 */
export class FileBatchLogStore implements BatchLogStore {
  readonly #writers = new Map<string, Writer>()
  readonly #directory: string
  readonly shared: boolean
  #directoryMade: Promise<unknown> | undefined

  constructor(
    private readonly settings: BatchLogSettings & { readonly directory: string },
    private readonly onError: (error: unknown) => void,
  ) {
    this.#directory = settings.directory
    this.shared = settings.shared
  }

  append(id: string, text: string): void {
    let writer = this.#writers.get(id)
    if (writer === undefined) {
      writer = {
        pending: [],
        pendingDropped: 0,
        file: undefined,
        flushing: undefined,
        failed: false,
        appended: 0,
        settled: 0,
      }
      this.#writers.set(id, writer)
    }
    if (writer.failed) return
    for (const line of logLines(text, this.settings.maxLineBytes)) {
      writer.pending.push(line)
      writer.appended++
    }
    const excess = writer.pending.length - this.settings.maxLines
    if (excess > this.settings.maxLines) {
      // The disk is slower than the job: what could not be written in time is dropped, and counted.
      writer.pending.splice(0, excess)
      writer.pendingDropped += excess
    }
    writer.flushing ??= this.#pass(id, writer)
  }

  async finish(id: string): Promise<void> {
    const writer = this.#writers.get(id)
    if (writer === undefined) return
    await this.#flushed(writer)
    if (this.#writers.get(id) === writer && writer.pending.length === 0) this.#writers.delete(id)
  }

  async read(id: string, from: number, size: number): Promise<BatchLogPage> {
    const writer = this.#writers.get(id)
    if (writer !== undefined) await this.#flushed(writer)
    const log = (await this.#readFile(id)) ?? { dropped: 0, lines: [] }
    return pageOf(cappedLog(log, this.settings.maxLines), from, size)
  }

  async ids(): Promise<string[]> {
    try {
      const names = await readdir(this.#directory)
      return names.flatMap((name) => {
        const id = batchIdOfLogFile(name)
        return id === undefined ? [] : [id]
      })
    } catch (error) {
      if (isMissing(error)) return []
      throw error
    }
  }

  async remove(id: string): Promise<void> {
    const writer = this.#writers.get(id)
    if (writer !== undefined) {
      await this.#flushed(writer)
      this.#writers.delete(id)
    }
    await rm(this.#path(id), { force: true })
    await rm(this.#temporaryPath(id), { force: true })
  }

  async close(): Promise<void> {
    await Promise.all([...this.#writers.values()].map((writer) => this.#flushed(writer)))
  }

  /**
   * Waits until the lines appended before the call are written: only those, so a read of a log that a
   * job keeps writing to is answered after one or two passes, not when the job stops.
   */
  async #flushed(writer: Writer): Promise<void> {
    const target = writer.appended
    while (writer.settled < target && writer.flushing !== undefined) await writer.flushing
  }

  /**
   * Writes what is pending now, then starts the next pass if more came meanwhile. Never rejects: a
   * failure is reported and ends this launch's writing.
   */
  async #pass(id: string, writer: Writer): Promise<void> {
    try {
      const handled = await this.#flushOnce(id, writer)
      writer.settled += handled
    } catch (error) {
      writer.failed = true
      writer.pending = []
      writer.settled = writer.appended
      await rm(this.#temporaryPath(id), { force: true }).catch(() => undefined)
      reportSafely(
        this.onError,
        new BatchgateError(
          ErrorCode.BATCH_LOG_WRITE_FAILED,
          `could not write the log of batch ${id} under ${this.#directory}; its later lines are dropped`,
          { cause: error },
        ),
      )
    } finally {
      writer.flushing = writer.pending.length > 0 && !writer.failed ? this.#pass(id, writer) : undefined
    }
  }

  /** Writes the pending lines; resolves with how many appended lines it took care of (dropped ones too). */
  async #flushOnce(id: string, writer: Writer): Promise<number> {
    const { maxLines } = this.settings
    const lines = writer.pending
    const pendingDropped = writer.pendingDropped
    writer.pending = []
    writer.pendingDropped = 0
    const handled = lines.length + pendingDropped
    // Made once; a failure is tried again by the next write (an operator may fix the directory meanwhile).
    this.#directoryMade ??= mkdir(this.#directory, { recursive: true, mode: DIRECTORY_MODE }).catch(
      (error: unknown) => {
        this.#directoryMade = undefined
        throw error
      },
    )
    await this.#directoryMade
    const file = writer.file ?? (await this.#fileState(id))
    if (pendingDropped === 0 && file.count + lines.length <= 2 * maxLines) {
      await appendFile(this.#path(id), lines.map(entry).join(''), { mode: FILE_MODE })
      writer.file = { dropped: file.dropped, count: file.count + lines.length }
      return handled
    }
    // Rewritten with the newest lines only: from what is pending alone when that is enough.
    const all: KeptLog =
      pendingDropped > 0 || lines.length >= maxLines
        ? { dropped: file.dropped + file.count + pendingDropped, lines }
        : { dropped: file.dropped, lines: [...((await this.#readFile(id))?.lines ?? []), ...lines] }
    const kept = cappedLog(all, maxLines)
    const temporary = this.#temporaryPath(id)
    await writeFile(temporary, `${MARKER_TAG}${kept.dropped}\n${kept.lines.map(entry).join('')}`, {
      mode: FILE_MODE,
    })
    await rename(temporary, this.#path(id))
    writer.file = { dropped: kept.dropped, count: kept.lines.length }
    return handled
  }

  async #fileState(id: string): Promise<{ dropped: number; count: number }> {
    const log = await this.#readFile(id)
    return { dropped: log?.dropped ?? 0, count: log?.lines.length ?? 0 }
  }

  async #readFile(id: string): Promise<KeptLog | undefined> {
    let text: string
    try {
      text = await readFile(this.#path(id), 'utf8')
    } catch (error) {
      if (isMissing(error)) return undefined
      throw error
    }
    return parseEntries(text)
  }

  #path(id: string): string {
    return join(this.#directory, logFileName(id))
  }

  #temporaryPath(id: string): string {
    return `${this.#path(id)}.tmp`
  }
}

function entry(line: string): string {
  return `${LINE_TAG}${line}\n`
}

function parseEntries(text: string): KeptLog {
  const entries = text.split('\n')
  // The text ends with a line break; a last entry without one (a write cut short) is kept as it is.
  if (entries[entries.length - 1] === '') entries.pop()
  let dropped = 0
  const first = entries[0]
  if (first?.startsWith(MARKER_TAG) === true) {
    dropped = Number.parseInt(first.slice(1), 10) || 0
    entries.shift()
  }
  return { dropped, lines: entries.map((line) => line.slice(LINE_TAG.length)) }
}

/** No such file, or a path through something that is not a directory: there is no log there. */
function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'ENOENT' || code === 'ENOTDIR'
}
