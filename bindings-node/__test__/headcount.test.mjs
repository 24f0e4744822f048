// Headcount forms of other-affiliation schools through Node: the HC_* verdicts of
// bindings-python/tests/test_budget.py (the same forms), the report's parts, policies and
// registries, unreadable files, and parity with `lec headcount --format json`.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { validateHeadcounts, HeadcountReport, Policy, Registry } from 'lec'
import { camelKeys, data, lecOutput, needsCli, rejected } from './helpers.mjs'

const REGISTRY = data('registry.csv')
const HEADCOUNTS = data('headcounts.csv')
const HEADER = 'lao_code,school_code,school_name,extended,closed,K1,K2,K3,P1,P2,P3,P4,P5,P6,M1,M2,M3'
const FULL = ['5', '6', '7', '10', '11', '12', '9', '8', '10', '', '', '']

const dir = mkdtempSync(path.join(tmpdir(), 'lec-headcount-'))
after(() => rmSync(dir, { recursive: true, force: true }))
let n = 0

/** A form file with these rows (after the header). */
function formFile(rows, name = `forms-${n++}.csv`) {
  const file = path.join(dir, name)
  writeFileSync(file, [HEADER, ...rows].join('\n') + '\n')
  return file
}

function row({ extended = 'no', closed = '', counts = FULL, school = '1058100102' } = {}) {
  return ['06580102', school, 'บ้านห้วยเดื่อ', extended, closed, ...counts].join(',')
}

test('the example forms are clean and counted', async () => {
  const report = await validateHeadcounts(HEADCOUNTS, { registry: REGISTRY })
  assert.ok(report instanceof HeadcountReport)
  assert.equal(report.hasErrors, false)
  assert.deepEqual(report.findings, [])
  assert.deepEqual(report.summary, { rows: 2, errors: 0, warnings: 0, infos: 0, recordsCounted: 2, recordsWithErrors: 0, recordsRemoved: 0, findingsOmitted: 0 })
  assert.deepEqual(report.files, [
    { path: HEADCOUNTS, sheet: null, format: 'csv', encoding: 'utf-8', headerRow: 1, headerRows: 1, rows: 2, blankRows: 0 },
  ])
  assert.deepEqual(report.byCode, [])
  const [extended, standard] = report.forms
  assert.deepEqual(
    [extended.row, extended.lao, extended.school, extended.schoolName, extended.extended, extended.closed, extended.hasErrors],
    [2, '06580102', '1058100101', 'โรงเรียนบ้านผาบ่อง', true, false, false],
  )
  assert.equal(extended.counts.M1, 15)
  assert.equal(extended.counts.K1, 8)
  assert.equal(standard.counts.K1, 0)
  assert.equal(standard.counts.M1, null)
  assert.equal(standard.counts.P3, 6)
  assert.deepEqual(Object.keys(standard.counts).sort(), ['K1', 'K2', 'K3', 'M1', 'M2', 'M3', 'P1', 'P2', 'P3', 'P4', 'P5', 'P6'])
  // a loaded Registry checks the same
  const loaded = await validateHeadcounts([HEADCOUNTS], { registry: Registry.fromFile(REGISTRY) })
  assert.deepEqual(loaded.toJSON(), report.toJSON())
})

test('a verdict per headcount code', async () => {
  const cases = [
    [row(), []],
    [row({ counts: [...FULL.slice(0, 3), '', ...FULL.slice(4)] }), ['HC_MISSING']],
    [row({ extended: 'ใช่' }), ['HC_MISSING', 'HC_MISSING', 'HC_MISSING']],
    [row({ counts: ['๐', ...FULL.slice(1)] }), ['HC_NOT_ARABIC']],
    [row({ counts: [FULL[0], '-2', '3.5', ...FULL.slice(3)] }), ['HC_INVALID', 'HC_INVALID']],
    [row({ counts: [...FULL.slice(0, 9), '4', '', ''] }), ['HC_OUT_OF_RANGE']],
    [row({ counts: [...FULL.slice(0, 9), '0', '', ''] }), []],
    [row({ closed: 'yes', counts: Array(12).fill('0') }), []],
    [row({ closed: 'yes' }), ['HC_CLOSED_NONZERO']],
    [row({ extended: 'maybe' }), ['HC_INVALID']],
  ]
  for (const [form, codes] of cases) {
    const report = await validateHeadcounts(formFile([form]))
    assert.deepEqual(report.findings.map((f) => f.code), codes, form)
    assert.equal(report.hasErrors, codes.length > 0, form)
    assert.equal(report.summary.recordsCounted, codes.length ? 0 : 1, form)
    assert.equal(report.forms[0].hasErrors, codes.length > 0, form)
  }
})

test('registry checks and a school entered twice', async () => {
  const file = formFile([
    row({ school: '1058100101' }), // registered as extended
    row({ school: '1058100199' }), // not one of the LAO's schools
    row(),
    row(), // the same school twice
  ])
  const checked = await validateHeadcounts(file, { registry: REGISTRY })
  assert.deepEqual(checked.findings.map((f) => [f.row, f.code]), [
    [2, 'HC_EXTENDED_MISMATCH'], [3, 'HC_SCHOOL_NOT_REGISTERED'], [5, 'HC_DUPLICATE_SCHOOL'],
  ])
  const f = checked.findings[0]
  assert.deepEqual([f.severity, f.file, f.column, f.value], ['warning', file, 'extended', '1058100101'])
  assert.ok(f.messageTh.length > 0 && f.messageEn.length > 0)
  assert.deepEqual(checked.findings.map((x) => x.severity), ['warning', 'error', 'error'])
  assert.deepEqual(checked.summary, { rows: 4, errors: 2, warnings: 1, infos: 0, recordsCounted: 2, recordsWithErrors: 2, recordsRemoved: 0, findingsOmitted: 0 })
  assert.deepEqual((await validateHeadcounts(file)).findings.map((x) => x.code), ['HC_DUPLICATE_SCHOOL'])
})

test('Thai digits follow the policy', async () => {
  const file = formFile([row({ counts: ['๑๒', ...FULL.slice(1)] })])
  const strict = await validateHeadcounts(file)
  assert.deepEqual(strict.findings.map((f) => [f.code, f.severity]), [['HC_NOT_ARABIC', 'error']])
  const lenient = await validateHeadcounts(file, { policy: Policy.fromJson('{"headcount_thai_digits": "warning"}') })
  assert.deepEqual(lenient.findings.map((f) => [f.code, f.severity]), [['HC_NOT_ARABIC', 'warning']])
  assert.equal(lenient.forms[0].counts.K1, 12)
  assert.equal(lenient.hasErrors, false)
  assert.equal(lenient.summary.warnings, 1)
})

test('several files are one report; a file that cannot be read is a finding', async () => {
  const a = formFile([row()], 'a.csv')
  const b = formFile([row({ school: '1058100101', extended: 'yes', counts: Array(12).fill('1') })], 'b.csv')
  const report = await validateHeadcounts([a, b])
  assert.deepEqual(report.files.map((f) => f.path), [a, b])
  assert.equal(report.summary.recordsCounted, 2)
  const missing = path.join(dir, 'missing.csv')
  const withMissing = await validateHeadcounts([a, missing])
  const [f] = withMissing.findings
  assert.deepEqual([f.code, f.file, f.row, withMissing.hasErrors], ['FILE_UNREADABLE', missing, null, true])
  assert.ok(f.messageEn.includes('no such file') && f.messageTh.includes('ไม่พบไฟล์'))
  assert.equal(withMissing.summary.recordsCounted, 1)
  const registry = await rejected(validateHeadcounts(a, { registry: path.join(dir, 'no-registry.csv') }))
  assert.equal(registry.code, 'FILE_UNREADABLE')
  // what is wrong inside a file is a finding
  const bad = path.join(dir, 'bad.csv')
  writeFileSync(bad, 'lao_code,school_code\n06580102,1058100101\n')
  assert.deepEqual([...new Set((await validateHeadcounts(bad)).findings.map((f) => f.code))], ['FILE_COLUMN_MISSING'])
})

test('the report serialises with every part; it is not constructed by hand', async () => {
  const report = await validateHeadcounts(formFile([row({ closed: 'yes' }), row({ school: '1058100101' })]))
  const doc = JSON.parse(JSON.stringify(report))
  assert.deepEqual(Object.keys(doc), ['files', 'summary', 'byCode', 'findings', 'forms'])
  assert.deepEqual(doc, {
    files: report.files,
    summary: report.summary,
    byCode: report.byCode,
    findings: report.findings,
    forms: report.forms,
  })
  assert.deepEqual(doc.findings.map((f) => f.code), ['HC_CLOSED_NONZERO'])
  assert.equal(doc.summary.rows, doc.summary.recordsCounted + doc.summary.recordsWithErrors)
  assert.throws(() => new HeadcountReport())
})

test('validateHeadcounts gives the document of `lec headcount --format json`', { skip: needsCli }, async () => {
  const bad = formFile([row({ closed: 'yes' }), row({ school: '1058100101' }), row({ counts: ['๑', ...FULL.slice(1)] })])
  for (const [file, registry] of [[HEADCOUNTS, REGISTRY], [bad, null], [bad, REGISTRY]]) {
    const args = ['headcount', file, '--format', 'json']
    if (registry) args.push('--registry', registry)
    const expected = camelKeys(JSON.parse(lecOutput(...args)))
    const report = await validateHeadcounts(file, registry ? { registry } : undefined)
    const { forms: _forms, ...doc } = report.toJSON()
    // the CLI leaves `sheet` out when the file is no workbook; the package says null
    assert.deepEqual(doc, { ...expected, files: expected.files.map((f) => ({ sheet: null, ...f })) })
  }
})
