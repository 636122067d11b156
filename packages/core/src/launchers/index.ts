export { commandLauncher } from './command-launcher.js'
export {
  DEFAULT_KILL_GRACE_MS,
  DEFAULT_MAX_LINE_LENGTH,
  DEFAULT_TAIL_LINES,
  type CommandLauncherOptions,
  type CommandOutputStream,
} from './command-launcher-options.js'
export { DEFAULT_INHERITED_ENV } from './child-environment.js'
export { CommandFailedError, type CommandFailure, type CommandFailureReason } from './command-failed-error.js'
