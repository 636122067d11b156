export { sqliteStore, sqliteStoreModule } from './sqlite-store.js'
export { SqliteMetadataStore } from './sqlite-metadata-store.js'
export type { SqliteStoreOptions } from './sqlite-store-options.js'
export { isSqliteBusy, isSqliteDuplicateKey, sqliteErrorCode } from './sqlite-error-codes.js'
