/** The longest part of a server's words quoted in an error message. */
const QUOTED_CHARS = 300

/**
 * A server's words (a SASL refusal, a `TStatus.errorMessage`, an HTTP body) made fit for an error
 * message: shortened, and with the password masked should the server have echoed it.
 *
 * @example
 * ```ts
 * quoteServerText(status.errorMessage ?? '', credentials?.password) // 'wrong password for alice'
 * ```
 */
export function quoteServerText(text: string, password: string | undefined): string {
  const clean = password === undefined || password === '' ? text : text.split(password).join('***')
  return clean.length > QUOTED_CHARS ? `${clean.slice(0, QUOTED_CHARS)}…` : clean
}
