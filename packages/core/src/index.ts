import 'reflect-metadata'

export * from './errors/index.js'
export * from './cursor/index.js'
