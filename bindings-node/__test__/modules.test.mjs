// The package loads with `import` (ES modules): named exports for every function and class
// the loader declares, and the default export.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import lec, { parseId, validateIds, validateFile, validateRecords, Policy, Registry, PersonId, errorFamilies } from 'lec'
import * as namespace from 'lec'
import { packageDir } from './helpers.mjs'
import path from 'node:path'

test('named and default imports work', () => {
  assert.equal(parseId('1101400123451').kind, 'citizen')
  assert.deepEqual(validateIds(['1101400123451']), [null])
  assert.equal(typeof validateFile, 'function')
  assert.equal(typeof validateRecords, 'function')
  assert.equal(errorFamilies().length, 7)
  assert.ok(parseId('1101400123451') instanceof PersonId)
  assert.equal(typeof Registry.fromFile, 'function')
  assert.equal(lec.Policy, Policy)
})

// index.d.ts is what TypeScript users see: every runtime export is declared, every declaration
// exists, and its Thai doc text survived generation intact.
const dts = readFileSync(path.join(packageDir, 'index.d.ts'), 'utf8')
const declared = new Set([...dts.matchAll(/^export declare (?:function|class|const) (\w+)/gm)].map((m) => m[1]))

test('index.d.ts declares exactly the runtime exports', () => {
  const runtime = Object.keys(namespace).filter((k) => k !== 'default' && !k.startsWith('__'))
  for (const name of runtime) {
    if (typeof namespace[name] === 'function') assert.ok(declared.has(name), `${name} is exported but not declared`)
  }
  for (const name of declared) {
    if (!name.startsWith('__')) assert.equal(typeof namespace[name], 'function', `${name} is declared but not exported`)
  }
  for (const type of [
    'Report', 'Finding', 'Summary', 'ValidateOptions', 'IdOptions', 'LecError', 'ErrorKind', 'Severity', 'StudentRow',
    'HeadcountOptions', 'FileInfo', 'CodeCount', 'HeadcountForm', 'BudgetSummary', 'UnitBudget', 'ItemAmount',
    'RecordTally', 'UnresolvedDuplicate', 'BudgetItem', 'RateRule', 'SummariseOptions', 'DuplicateResolution',
    'ConfirmationRequired', 'Per', 'PendingUnit', 'RoundState', 'RoundCalendar',
  ]) {
    assert.match(dts, new RegExp(`export (interface|type) ${type}\\b`), type)
  }
})

test('Thai in the doc comments reaches index.d.ts undamaged', () => {
  // napi-derive 3.7 turns Thai vowel marks in `///` comments into Cyrillic (see src/lib.rs)
  assert.doesNotMatch(dts, /[\u0400-\u04ff]/)
  for (const term of ['ทะเบียนหน่วยงาน', 'ปีการศึกษา', 'ประเภทบุคคล', 'ข้อผิดพลาด']) assert.ok(dts.includes(term), term)
})
