import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION } from '../src/index.js'

describe('the instrumentation scope', () => {
  it("is the package's name and version", () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      name: string
      version: string
    }
    expect(INSTRUMENTATION_NAME).toBe(manifest.name)
    expect(INSTRUMENTATION_VERSION).toBe(manifest.version)
  })
})
