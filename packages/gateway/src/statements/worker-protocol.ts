import type { CellValue, ResultColumn } from '@batchgate/core'

/**
 * The messages between the gateway and a statement process (Node's IPC channel with `advanced`
 * serialization, which carries `bigint` and `Uint8Array` as they are).
 */
export type ToWorker =
  | {
      readonly type: 'open'
      /** The `--data` file, or `null` for an empty in-memory database. */
      readonly dataFile: string | null
      readonly statement: string
      /** The columns of an earlier pass of the same statement, to convert its values the same way. */
      readonly columns: readonly ResultColumn[] | null
    }
  | { readonly type: 'next'; readonly maxRows: number }

/** What a statement process answers. */
export type FromWorker =
  | { readonly type: 'loaded' }
  | { readonly type: 'ready'; readonly columns: readonly ResultColumn[] }
  | { readonly type: 'rows'; readonly rows: readonly (readonly CellValue[])[]; readonly done: boolean }
  | { readonly type: 'error'; readonly message: string; readonly sqlState: string | undefined }
