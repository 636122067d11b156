// better-sqlite3 compiles its native addon on every `npm install` where no prebuilt binary can be
// downloaded, which takes minutes. The workspace's own `pnpm install` already compiled the addon of the
// locked version for this Node, so check-packages packs that one the way prebuild-install expects a
// local prebuild and points prebuild-install at it: the scratch install still goes through the
// package's own install script, finds the binary by its exact name (package version, Node ABI,
// platform, libc, arch), and loads it before accepting it. Anything else (another version or Node)
// misses and compiles, and the addon it compiled is kept for the next run.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const ADDON_PACKAGE = 'better-sqlite3'
const ADDON_FILE = 'build/Release/better_sqlite3.node'

function cacheFolder(root) {
  return join(root, 'node_modules', '.cache', 'batchgate-check-packages')
}

/** prebuild-install's file name for a prebuilt addon of this Node (musl Linux is named apart). */
function prebuildName(version) {
  const musl =
    process.platform === 'linux' && process.report.getReport().header.glibcVersionRuntime === undefined
  const libc = musl ? 'musl' : ''
  return `${ADDON_PACKAGE}-v${version}-node-v${process.versions.modules}-${process.platform}${libc}-${process.arch}.tar.gz`
}

function versionIn(packageFolder) {
  return JSON.parse(readFileSync(join(packageFolder, 'package.json'), 'utf8')).version
}

/** Packs `packageFolder`'s compiled addon into the cache, unless the cache has that version already. */
function remember(root, packageFolder) {
  const cached = join(cacheFolder(root), prebuildName(versionIn(packageFolder)))
  if (existsSync(cached) || !existsSync(join(packageFolder, ADDON_FILE))) return
  mkdirSync(cacheFolder(root), { recursive: true })
  execFileSync('tar', ['-czf', cached, '-C', packageFolder, ADDON_FILE])
}

/**
 * The better-sqlite3 version the workspace locks (the scratch project pins it, so the cache applies),
 * and the environment that makes its install script look in the cache first.
 */
export function cachedNativeAddon(root) {
  const workspaceAddon = join(root, 'packages', 'store-sqlite', 'node_modules', ADDON_PACKAGE)
  remember(root, workspaceAddon)
  const version = versionIn(workspaceAddon)
  return {
    version,
    hit: existsSync(join(cacheFolder(root), prebuildName(version))),
    env: { npm_config_better_sqlite3_local_prebuilds: cacheFolder(root) },
  }
}

/** Keeps the addon a scratch install compiled, for the next run. */
export function rememberNativeAddon(root, project) {
  remember(root, join(project, 'node_modules', ADDON_PACKAGE))
}
