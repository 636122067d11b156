/** How many characters of a client's value an error message shows. */
const PREVIEW = 60

/**
 * A client's text as an error message shows it: JSON-quoted (so control characters and quotes are
 * visible, not interpreted) and cut to a short preview.
 *
 * @example
 * ```ts
 * throw new RestError(400, 'INVALID_REQUEST', `maxrows must be an integer, got ${describeInput(text)}`)
 * ```
 */
export function describeInput(text: string): string {
  const shown = text.length > PREVIEW ? `${text.slice(0, PREVIEW)}…` : text
  return JSON.stringify(shown)
}
