// Shared paths for the test files (not a test file itself: node --test runs *.test.mjs/cjs).
import { readFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import assert from 'node:assert/strict'
import path from 'node:path'

export const here = path.dirname(fileURLToPath(import.meta.url))
export const packageDir = path.resolve(here, '..')
export const repo = path.resolve(packageDir, '..')
export const data = (name) => path.join(repo, 'examples', 'data', name)
export const vectors = (name) => JSON.parse(readFileSync(path.join(repo, 'test-vectors', name), 'utf8'))

/** Runs `fn` and returns what it threw (fails when it throws nothing). */
export function thrown(fn) {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('expected a throw')
}

/** What a promise rejected with (fails when it resolves). */
export async function rejected(promise) {
  try {
    await promise
  } catch (e) {
    return e
  }
  throw new Error('expected a rejection')
}

/**
 * Asserts that `fn` throws for a misuse of the API — an argument of the wrong JavaScript type,
 * refused by the binding's argument conversion (napi-rs: an `Error` with a code such as
 * `InvalidArg`) or by the package (a `TypeError`) — and not a refusal of lec's rules (no `kind`).
 */
export function assertMisuse(fn, label) {
  const e = thrown(fn)
  assert.ok(e instanceof Error, label)
  assert.equal(e.kind, undefined, `${label}: ${e.message}`)
  assert.ok(typeof e.code === 'string' && e.code.length > 0, `${label}: a code`)
  return e
}

/** `snake_case` keys (the CLI's JSON) as camelCase (the package's objects), deeply. */
const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase())
export function camelKeys(v) {
  if (Array.isArray(v)) return v.map(camelKeys)
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [camel(k), camelKeys(x)]))
  return v
}

/** The `lec` binary `cargo xtask test` hands over (LEC_CLI), and the `skip` option without it. */
export const cli = process.env.LEC_CLI
export const needsCli = cli ? false : 'LEC_CLI is not set (cargo xtask test sets it)'

/** Runs `lec ARGS…` and returns its standard output (exit 0 or 1: a verdict, not a failure). */
export function lecOutput(...args) {
  const r = spawnSync(cli, args, { encoding: 'utf8', cwd: repo })
  assert.ok([0, 1].includes(r.status), `lec ${args.join(' ')}: exit ${r.status} ${r.stderr}`)
  return r.stdout
}

/** examples/data/school.csv as record objects (Thai headers as keys): a plain CSV, no quotes. */
export function schoolRecords() {
  const text = readFileSync(data('school.csv'), 'utf8').replace(/^\uFEFF/, '')
  const [header, ...lines] = text.split(/\r?\n/).filter((l) => l.trim() !== '')
  const keys = header.split(',')
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [keys[i], v])))
}

/** The commands of examples/data/round-2567-2.jsonl as `[command, at]` (one line is no command, on purpose). */
export function sampleCommands() {
  const out = []
  for (const line of readFileSync(data('round-2567-2.jsonl'), 'utf8').split('\n')) {
    let doc
    try {
      doc = JSON.parse(line)
    } catch {
      continue
    }
    const { at, ...command } = doc
    out.push([command, at])
  }
  return out
}

/** Plays every sample command on `round` (rejected ones included, as `lec round replay` does). */
export function play(round) {
  for (const [command, at] of sampleCommands()) round.apply(command, at)
  return round
}
