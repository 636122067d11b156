export type { Logger } from './logger.js'
export { quietConsoleLogger } from './quiet-console-logger.js'
export { boundLogger, type BoundLogger } from './bound-logger.js'
