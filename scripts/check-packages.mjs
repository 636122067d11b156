#!/usr/bin/env node
// Proves that what `pnpm pack` ships works for a consumer outside the workspace (`pnpm check:packages`,
// run by .ci/run after the tests):
//   1. from a clean build (tsc -b --clean), `pnpm pack` each publishable package: its prepack must build;
//   2. every file the packed package.json points at (exports, bin) is in the tarball, with LICENSE and
//      README.md, and no `workspace:` range is left;
//   3. a scratch npm project in os.tmpdir() installs all tarballs in ONE `npm install` (so they must
//      resolve each other), without vitest: testkit's `batchgate-simulate --help` and a small race run;
//   4. every export entry point loads (or fails only for a missing optional peer), and a strict consumer
//      with "types": [] and skipLibCheck: false compiles against every entry point's declarations;
//   5. the README's examples run there as programs (scripts/package-consumer) and detect the duplicate.
// BATCHGATE_KEEP_SCRATCH=1 keeps the scratch folder for a look after a failure.
import { Buffer } from 'node:buffer'
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { clearTimeout, setTimeout } from 'node:timers'
import { cachedNativeAddon, rememberNativeAddon } from './native-addon-cache.mjs'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const requireFromRoot = createRequire(join(root, 'package.json'))
const tsc = requireFromRoot.resolve('typescript/bin/tsc')
const scratch = mkdtempSync(join(tmpdir(), 'batchgate-packages-'))
const tarballs = join(scratch, 'tarballs')
const consumer = join(scratch, 'consumer')
const started = Date.now()

function step(message) {
  console.log(`check:packages [${((Date.now() - started) / 1000).toFixed(0)} s] ${message}`)
}

function run(command, args, cwd, env = {}) {
  return execFileSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
}

function fail(message) {
  throw new Error(`check:packages: ${message}`)
}

/** The packages under packages/ that are not private, with their folders. */
function publishablePackages() {
  return readdirSync(join(root, 'packages'))
    .map((name) => join(root, 'packages', name))
    .filter((folder) => existsSync(join(folder, 'package.json')))
    .map((folder) => ({ folder, manifest: JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => manifest.private !== true)
}

/** Every file path an `exports` map (any nesting of conditions) or `bin` points at. */
function pointedFiles(manifest) {
  const files = new Set()
  const walk = (value) => {
    if (typeof value === 'string') files.add(value.replace(/^\.\//, ''))
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk)
  }
  walk(manifest.exports)
  walk(manifest.bin)
  for (const field of ['main', 'types', 'module']) walk(manifest[field])
  return [...files]
}

/** The subpaths a consumer can import: `@scope/pkg`, `@scope/pkg/testing`, … (not package.json). */
function entryPoints(manifest) {
  const keys = typeof manifest.exports === 'object' ? Object.keys(manifest.exports) : ['.']
  return keys
    .filter((key) => key === '.' || (key.startsWith('./') && !key.endsWith('.json') && !key.includes('*')))
    .map((key) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`))
}

function inspectTarball(tarball, name) {
  const listed = new Set(
    run('tar', ['-tzf', tarball], scratch)
      .split('\n')
      .filter(Boolean)
      .map((path) => path.replace(/^package\//, '')),
  )
  const manifest = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json'], scratch))
  const missing = [...pointedFiles(manifest), 'LICENSE', 'README.md'].filter((file) => !listed.has(file))
  if (missing.length > 0) fail(`${name}'s tarball lacks ${missing.join(', ')}`)
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) fail(`${name} packed ${field}.${dependency}: ${range}`)
    }
  }
  return manifest
}

function packAll() {
  step('cleaning every build output, so packing has to build (prepack)')
  run(process.execPath, [tsc, '-b', '--clean'], root)
  mkdirSync(tarballs)
  const packed = []
  for (const { folder, manifest } of publishablePackages()) {
    const before = new Set(readdirSync(tarballs))
    run('pnpm', ['pack', '--pack-destination', tarballs], folder)
    const made = readdirSync(tarballs).filter((file) => !before.has(file))
    if (made.length !== 1) fail(`pnpm pack of ${manifest.name} made ${made.join(', ') || 'nothing'}`)
    const tarball = join(tarballs, made[0])
    packed.push({ tarball, manifest: inspectTarball(tarball, manifest.name) })
    step(`packed ${made[0]}`)
  }
  return packed
}

function installScratchProject(packed) {
  mkdirSync(consumer)
  const addon = cachedNativeAddon(root)
  // better-sqlite3 at the version the workspace locks and tests, which the addon cache holds.
  const overrides = { 'better-sqlite3': addon.version }
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'batchgate-consumer', private: true, type: 'module', overrides }, null, 2),
  )
  // The consumer's own Node types: the version the workspace builds with, so this works offline too.
  const typesNode = JSON.parse(
    readFileSync(requireFromRoot.resolve('@types/node/package.json'), 'utf8'),
  ).version
  step(
    `npm install of ${packed.length} tarballs (${addon.hit ? 'cached' : 'compiling'} better-sqlite3 addon)`,
  )
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      ...packed.map(({ tarball }) => tarball),
      `@types/node@${typesNode}`,
    ],
    consumer,
    addon.env,
  )
  checkTarballsResolveEachOther(packed)
  if (existsSync(join(consumer, 'node_modules', 'vitest')))
    fail('vitest was installed, but it is an optional peer')
  rememberNativeAddon(root, consumer)
}

/**
 * Every @batchgate package npm installed is one of the tarballs, once, at the top: the packed
 * dependency ranges (pnpm's rewrite of `workspace:^`) are met by the sibling tarballs, not by a
 * registry copy or a nested duplicate.
 */
function checkTarballsResolveEachOther(packed) {
  const lock = JSON.parse(readFileSync(join(consumer, 'package-lock.json'), 'utf8'))
  const names = new Set(packed.map(({ manifest }) => manifest.name))
  for (const [path, entry] of Object.entries(lock.packages)) {
    const name = path.replace(/^.*node_modules\//, '')
    if (!names.has(name)) continue
    if (path !== `node_modules/${name}`) fail(`${name} is installed twice, also at ${path}`)
    if (!String(entry.resolved).startsWith('file:'))
      fail(`${name} came from ${entry.resolved}, not its tarball`)
  }
}

function checkSimulatorWithoutVitest() {
  const help = run('npx', ['--no-install', 'batchgate-simulate', '--help'], consumer)
  if (!help.includes('--store')) fail(`batchgate-simulate --help printed no usage:\n${help}`)
  const race = run(
    'npx',
    [
      '--no-install',
      'batchgate-simulate',
      '--store',
      `sqlite:${join(consumer, 'race.db')}`,
      '--instances',
      '3',
      '--ids',
      '5',
      '--json',
    ],
    consumer,
  )
  const report = JSON.parse(race)
  if (report.ok !== true) fail(`batchgate-simulate found broken invariants:\n${race}`)
  step('batchgate-simulate --help and a 3-instance race ran without vitest installed')
}

/**
 * The installed `batchgate-gateway` starts on free ports (REST and both Thrift fronts), answers a
 * statement's session over REST (its statement process forks from the installed dist), and stops with
 * exit code 0 on SIGTERM.
 */
async function checkGatewayCommand() {
  // The installed bin link itself (not npx, which would stand between the signal and the gateway).
  const bin = join(consumer, 'node_modules', '.bin', 'batchgate-gateway')
  const gateway = spawn(
    bin,
    [
      '--rest-port',
      '0',
      '--thrift-port',
      '0',
      '--thrift-http-port',
      '0',
      '--store',
      `sqlite:${join(consumer, 'gateway.db')}`,
    ],
    { cwd: consumer, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const exited = new Promise((resolve) => gateway.once('exit', (code, signal) => resolve(code ?? signal)))
  try {
    const url = await new Promise((resolve, reject) => {
      let output = ''
      const timer = setTimeout(() => reject(new Error(`batchgate-gateway was not ready:\n${output}`)), 60_000)
      gateway.stdout.setEncoding('utf8').on('data', (text) => {
        output += text
        const rest = /rest listening on (http:\/\/\S+)/.exec(output)
        const thrift = /thrift binary listening on \S+:\d+/.test(output)
        const thriftHttp = /thrift http listening on http:\/\/\S+\/cliservice/.test(output)
        if (rest !== null && thrift && thriftHttp) {
          clearTimeout(timer)
          resolve(rest[1])
        }
      })
      void exited.then((code) => reject(new Error(`batchgate-gateway exited (${code}):\n${output}`)))
    })
    const call = async (method, path, body) => {
      const response = await globalThis.fetch(`${url}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Basic ${Buffer.from('consumer:').toString('base64')}`,
          'content-type': 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      if (response.status !== 200)
        fail(`batchgate-gateway answered ${method} ${path} with ${response.status}: ${await response.text()}`)
      return response.json()
    }
    const session = await call('POST', '/sessions', { configs: {} })
    const operation = await call('POST', `/sessions/${session.identifier}/operations/statement`, {
      statement: "select 'ok' as answer",
      runAsync: false,
    })
    const rowset = await call(
      'GET',
      `/operations/${operation.identifier}/rowset?maxrows=5&fetchorientation=FETCH_NEXT`,
    )
    if (rowset.rows?.[0]?.fields?.[0]?.value !== 'ok')
      fail(`batchgate-gateway's statement answered ${JSON.stringify(rowset)}`)
  } finally {
    gateway.kill('SIGTERM')
  }
  const code = await exited
  if (code !== 0) fail(`batchgate-gateway exited with ${code} on SIGTERM`)
  step('batchgate-gateway started its REST and Thrift fronts, ran a statement over REST and stopped cleanly')
}

/** Loads every entry point in Node; a missing optional peer (vitest for testkit's suites) is allowed. */
function checkEntryPointsLoad(packed) {
  for (const { manifest } of packed) {
    const optionalPeers = Object.keys(manifest.peerDependenciesMeta ?? {}).filter(
      (peer) => manifest.peerDependenciesMeta[peer].optional === true,
    )
    for (const entry of entryPoints(manifest)) {
      const loaded = spawnSync(
        process.execPath,
        ['--input-type=module', '-e', `await import(${JSON.stringify(entry)})`],
        {
          cwd: consumer,
          encoding: 'utf8',
        },
      )
      if (loaded.status === 0) continue
      const peer = optionalPeers.find((name) => loaded.stderr.includes(`Cannot find package '${name}'`))
      if (peer === undefined) fail(`import('${entry}') failed:\n${loaded.stderr}`)
      step(`${entry} needs its optional peer ${peer} (not installed here)`)
    }
  }
}

function compileAndRunConsumer(packed) {
  const fixtures = join(root, 'scripts', 'package-consumer')
  for (const file of readdirSync(fixtures)) copyFileSync(join(fixtures, file), join(consumer, file))
  const imports = packed.flatMap(({ manifest }) => entryPoints(manifest))
  writeFileSync(
    join(consumer, 'entry-points.ts'),
    [
      '// Generated by check-packages.mjs: type-checks the declarations behind every entry point.',
      ...imports.map((entry, i) => `import type * as entry${i} from '${entry}'`),
      `export type EntryPoints = [${imports.map((_, i) => `typeof entry${i}`).join(', ')}]`,
      '',
    ].join('\n'),
  )
  step(`compiling a "types": [] consumer of ${imports.join(', ')}`)
  const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], {
    cwd: consumer,
    encoding: 'utf8',
  })
  if (compiled.status !== 0) fail(`the consumer does not compile:\n${compiled.stdout}${compiled.stderr}`)
  for (const program of ['using-it.js', 'di-host.js', 'rest-host.js', 'thrift-host.js']) {
    process.stdout.write(run(process.execPath, [join('dist', program)], consumer))
  }
}

try {
  const packed = packAll()
  installScratchProject(packed)
  checkSimulatorWithoutVitest()
  await checkGatewayCommand()
  checkEntryPointsLoad(packed)
  compileAndRunConsumer(packed)
  step('every package packs, installs, loads, type-checks and runs outside the workspace')
} finally {
  if (process.env.BATCHGATE_KEEP_SCRATCH === '1') console.log(`check:packages: kept ${scratch}`)
  else rmSync(scratch, { recursive: true, force: true })
}
