// Shared paths for the test files (not a test file itself: node --test runs *.test.mjs/cjs).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
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
