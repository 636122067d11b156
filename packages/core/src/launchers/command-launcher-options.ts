import type { Batch } from '../batch/batch.js'

/**
 * Which of the command's output streams a line came from.
 *
 * @example
 * ```ts
 * const onOutput = (batch: Batch, line: string, stream: CommandOutputStream) =>
 *   (stream === 'stderr' ? logger.warn : logger.info)({ batch: batch.id }, line)
 * ```
 */
export type CommandOutputStream = 'stdout' | 'stderr'

/**
 * How long a cancelled or timed-out command gets between SIGTERM and SIGKILL, by default.
 *
 * @example
 * ```ts
 * commandLauncher({ command: 'spark-submit', killGraceMs: 2 * DEFAULT_KILL_GRACE_MS })
 * ```
 */
export const DEFAULT_KILL_GRACE_MS = 5000

/**
 * How many of the last output lines are kept for the failure message, by default.
 *
 * @example
 * ```ts
 * commandLauncher({ command: 'spark-submit', tailLines: DEFAULT_TAIL_LINES * 2 })
 * ```
 */
export const DEFAULT_TAIL_LINES = 50

/**
 * The longest output line kept whole, by default; the rest of a longer line is counted, not kept.
 *
 * @example
 * ```ts
 * commandLauncher({ command: 'spark-submit', maxLineLength: DEFAULT_MAX_LINE_LENGTH / 2 })
 * ```
 */
export const DEFAULT_MAX_LINE_LENGTH = 4096

/**
 * Options of {@link commandLauncher}. Only `command` is required.
 *
 * The command is the host's choice; the batch only contributes arguments (and, through `env`, whatever
 * the host maps into the environment). It is run without a shell, so nothing in a batch is interpreted.
 *
 * @example
 * ```ts
 * const options: CommandLauncherOptions = {
 *   command: '/opt/spark/bin/spark-submit',
 *   // A submitter's conf becomes `--conf k=v` flags; only the keys the host allows.
 *   args: (batch) => [
 *     ...(batch.className === undefined ? [] : ['--class', batch.className]),
 *     ...Object.entries(batch.conf)
 *       .filter(([key]) => key.startsWith('spark.'))
 *       .flatMap(([key, value]) => ['--conf', `${key}=${value}`]),
 *     batch.resource,
 *     ...batch.args,
 *   ],
 *   inheritEnv: [...DEFAULT_INHERITED_ENV, 'JAVA_HOME', 'HADOOP_CONF_DIR'],
 *   env: { SPARK_HOME: '/opt/spark' },
 *   timeoutMs: 6 * 60 * 60 * 1000,
 * }
 * ```
 */
export interface CommandLauncherOptions {
  /**
   * The executable: a path, or a name looked up on the command's `PATH`. Fixed by the host; never take
   * it from a batch.
   */
  readonly command: string
  /**
   * The command's arguments for a batch; default `[batch.resource, ...batch.args]`.
   *
   * Every value a submitter controls and the host places before the command's first positional
   * argument may be read as an option (`node -e <code>`, `spark-submit --packages …`): put such values
   * after a flag that takes them as its value (`['--class', batch.className]`), after the resource, or
   * after `--`, or refuse them in a `validate` of the host's own. The `resource` is checked by default
   * (see {@link CommandLauncherOptions.allowOptionLikeResource}).
   */
  readonly args?: ((batch: Batch) => readonly string[]) | undefined
  /**
   * Accept a `resource` that starts with `-` (default false). By default the launcher's `validate`
   * refuses such a submission (`INVALID_REQUEST`, nothing stored) and `launch` refuses such a batch
   * stored earlier (it ends ERROR), because under `[resource, ...args]` the resource is the first
   * argument and would become an option: `-e` with args `['<code>']` makes `node` run the submitter's
   * code. Set it only when your `args` never lets the resource be read as an option.
   */
  readonly allowOptionLikeResource?: boolean | undefined
  /** The working directory; default the gateway's. */
  readonly cwd?: string | undefined
  /**
   * Which of the gateway's environment variables the command inherits: names, or `'all'`. Default
   * {@link DEFAULT_INHERITED_ENV} (`PATH`, `HOME`, locale, temp dirs …) so that the gateway's own
   * secrets (database URIs, cloud credentials) do not reach a command that runs a submitter's code.
   */
  readonly inheritEnv?: readonly string[] | 'all' | undefined
  /** Variables set on top of the inherited ones: a fixed record, or one computed per batch. */
  readonly env?:
    Readonly<Record<string, string>> | ((batch: Batch) => Readonly<Record<string, string>>) | undefined
  /** After a cancel or timeout: how long SIGTERM has to work before SIGKILL (default 5000). */
  readonly killGraceMs?: number | undefined
  /** Stop the command and fail the batch when it runs longer than this; default: no limit. */
  readonly timeoutMs?: number | undefined
  /** How many last lines of output (stdout and stderr together) a failure message carries (default 50). */
  readonly tailLines?: number | undefined
  /** Longer output lines are cut to this many characters and marked (default 4096). */
  readonly maxLineLength?: number | undefined
  /**
   * Called with every line of output, in order per stream, without its line break. It runs on the event
   * loop: keep it quick. What it throws (or an async callback rejects with) goes to `onOutputError`
   * and does not affect the batch.
   */
  readonly onOutput?: ((batch: Batch, line: string, stream: CommandOutputStream) => void) | undefined
  /** Told about failures of `onOutput` (default: `console.error`). */
  readonly onOutputError?: ((error: unknown, batch: Batch) => void) | undefined
}
