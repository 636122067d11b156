/**
 * What a route answers: a status and a JSON value, a text, or nothing (Kyuubi answers some calls with an
 * empty 200).
 *
 * @example
 * ```ts
 * const reply: Reply = { status: 200, json: { version: '1.0.0' } }
 * ```
 */
export type Reply =
  | { readonly status: number; readonly json: unknown; readonly headers?: Readonly<Record<string, string>> }
  | { readonly status: number; readonly text: string }
  | { readonly status: number; readonly empty: true }

/** A 200 with a JSON body. */
export function ok(json: unknown): Reply {
  return { status: 200, json }
}

/** A 200 with no body, as Kyuubi answers a closed session or an applied operation action. */
export const EMPTY_OK: Reply = { status: 200, empty: true }
