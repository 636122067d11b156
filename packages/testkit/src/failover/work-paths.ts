import { fileURLToPath } from 'node:url'

/**
 * A compiled module of this folder. When the testkit runs from its TypeScript sources (this
 * workspace's own tests), child processes still need compiled JavaScript: the built copy in dist/.
 */
export function compiledModule(name: string): string {
  return fileURLToPath(
    new URL(
      import.meta.url.endsWith('.ts') ? `../../dist/failover/${name}.js` : `./${name}.js`,
      import.meta.url,
    ),
  )
}
