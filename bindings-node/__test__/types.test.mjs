// index.d.ts is what TypeScript users see: `tsc --strict` checks __test__/types/usage.ts (every
// part of the API as a user calls it, imported as 'lec') against it, including calls that must
// NOT type-check (`@ts-expect-error`).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { here } from './helpers.mjs'

test('index.d.ts type-checks what a TypeScript user writes (tsc --strict)', () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(here, 'types')], { encoding: 'utf8' })
  assert.equal(r.status, 0, `tsc found errors:\n${r.stdout}${r.stderr}`)
})
