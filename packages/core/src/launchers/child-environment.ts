/// <reference types="node" preserve="true" />
// (Kept in the emitted .d.ts: its declarations use Node's global types, for consumers with "types": [].)
/**
 * The gateway's environment variables a command inherits unless the host says otherwise: what programs
 * need to find executables, write temp files and speak the locale, and nothing that usually holds a
 * secret.
 *
 * @example
 * ```ts
 * commandLauncher({ command: 'spark-submit', inheritEnv: [...DEFAULT_INHERITED_ENV, 'JAVA_HOME'] })
 * ```
 */
export const DEFAULT_INHERITED_ENV: readonly string[] = Object.freeze([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  'TMPDIR',
  'TMP',
  'TEMP',
  // Windows cannot start most programs without these.
  'SYSTEMROOT',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
])

/**
 * The environment of a command: the inherited subset of `parent`, then `extra` on top.
 *
 * @example
 * ```ts
 * childEnvironment(process.env, ['PATH'], { SPARK_HOME: '/opt/spark' }) // { PATH: '…', SPARK_HOME: '/opt/spark' }
 * ```
 */
export function childEnvironment(
  parent: NodeJS.ProcessEnv,
  inherit: readonly string[] | 'all',
  extra: Readonly<Record<string, string>>,
): Record<string, string> {
  const environment: Record<string, string> = {}
  // Windows names are case-insensitive (`Path`), POSIX names are not.
  const normalise =
    process.platform === 'win32' ? (name: string) => name.toUpperCase() : (name: string) => name
  const wanted = inherit === 'all' ? undefined : new Set(inherit.map(normalise))
  for (const [name, value] of Object.entries(parent)) {
    if (value !== undefined && (wanted === undefined || wanted.has(normalise(name))))
      environment[name] = value
  }
  return Object.assign(environment, extra)
}
