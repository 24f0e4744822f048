// Whole data sets: files, uploads and records in memory, with policy and registry options —
// the verdicts of lec-core/tests/samples.rs, through Node.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { inspect } from 'node:util'
import { validateFile, validateUpload, validateRecords, validateIds, checkId, parseId, Policy, Registry } from 'lec'
import { data, repo } from './helpers.mjs'
import path from 'node:path'

// row → codes, exactly as lec-core/tests/samples.rs expects for examples/data/students.csv
const STUDENTS = {
  3: ['ID_DUPLICATE_ACROSS'], 4: ['ID_CHECKSUM'], 5: ['ID_EMPTY'], 6: ['ID_FORMAT'], 7: ['ID_LEADING_ZERO_LOST'],
  8: ['ID_EXCEL_MANGLED'], 9: ['ID_DUMMY'], 10: ['ID_RESERVED_CATEGORY'], 11: ['ID_THAI_DIGITS'],
  12: ['ID_UNKNOWN_REGISTRY'], 13: ['GCODE_YEAR'], 14: ['GCODE_PROVINCE'], 15: ['ID_DUPLICATE'],
  16: ['ID_DUPLICATE_ACROSS'], 17: ['PROVINCE_UNKNOWN'], 18: ['INSTITUTION_CODE_FORMAT'],
  19: ['INSTITUTION_NOT_REGISTERED'], 20: ['GRADE_UNKNOWN'], 21: ['GRADE_NOT_OFFERED'], 22: ['BIRTHDATE_INVALID'],
  23: ['BIRTHDATE_ERA_SUSPECT'], 24: ['BIRTHDATE_FUTURE'], 25: ['AGE_CDC_CRITERION'], 26: ['AGE_GRADE_UNUSUAL'],
  27: ['NAME_MISSING'], 28: ['FIELD_THAI_DIGITS'], 29: ['SEX_UNKNOWN'], 30: ['STATUS_UNKNOWN'],
  31: ['RECORD_REMOVED'], 32: ['FILE_ROW_SHAPE'],
}

function byRow(report) {
  const m = {}
  for (const f of report.findings) (m[f.row ?? 0] ??= []).push(f.code)
  return m
}

test('validateFile: each sample row earns exactly its findings, every row accounted for', async () => {
  const report = await validateFile(data('students.csv'), { registry: data('registry.csv'), year: 2567 })
  assert.deepEqual(byRow(report), STUDENTS)
  const s = report.summary
  assert.equal(s.rows, 33)
  assert.equal(s.rows, s.recordsCounted + s.recordsWithErrors + s.recordsRemoved)
  assert.deepEqual([s.recordsCounted, s.recordsRemoved], [13, 1])
  assert.deepEqual(report.files.map((f) => [f.path, f.format, f.encoding, f.rows, f.blankRows]), [[data('students.csv'), 'csv', 'utf-8', 33, 0]])
  assert.deepEqual(report.registryFindings, [])
  const f = report.findings.find((x) => x.code === 'ID_CHECKSUM')
  assert.equal(f.severity, 'error')
  assert.equal(f.column, 'person_id')
  assert.equal(f.file, data('students.csv'))
  assert.ok(f.messageTh.length > 0 && f.messageEn.includes(f.value))
})

test('the main job of the README validates green with a loaded Registry', async () => {
  const registry = Registry.fromFile(data('registry.csv'))
  assert.deepEqual(registry.findings, [])
  const report = await validateFile(data('school.csv'), { registry })
  assert.equal(report.summary.errors, 0)
  assert.ok(report.summary.recordsCounted > 40)
})

test('validateUpload: the Windows-874 upload reads like the UTF-8 original', async () => {
  const registry = Registry.fromCsv(readFileSync(data('registry.csv')))
  const utf8 = await validateUpload(readFileSync(data('students.csv')), { registry, name: 'students.csv' })
  const thai = await validateUpload(readFileSync(data('students-win874.csv')), { registry, name: 'students.csv' })
  assert.equal(thai.files[0].encoding, 'windows-874')
  assert.equal(thai.findings[0].code, 'FILE_ENCODING')
  const strip = (r) => r.findings.filter((f) => f.code !== 'FILE_ENCODING').map((f) => [f.row, f.code, f.value, f.messageTh])
  assert.deepEqual(strip(thai), strip(utf8))
  assert.deepEqual(byRow(utf8), STUDENTS)
  // text is taken as it is; the default name
  const text = await validateUpload(readFileSync(data('students.csv'), 'utf8'))
  assert.equal(text.files[0].path, '<upload>')
  assert.equal(text.summary.rows, 33)
})

test('broken files are findings, not rejections; several files are one data set', async () => {
  const r = await validateFile([data('bad/missing-column.csv'), data('bad/binary.csv')])
  assert.deepEqual(r.findings.map((f) => f.code), ['FILE_COLUMN_MISSING', 'FILE_UNREADABLE'])
  assert.equal(r.summary.rows, 1)
  assert.equal(r.summary.recordsWithErrors, 1)
  assert.equal(r.files.length, 2)
  const bad = Registry.fromFile(data('bad/registry-bad.csv'))
  assert.deepEqual(bad.findings.map((f) => [f.row, f.code]), [
    [3, 'PROVINCE_UNKNOWN'], [4, 'LAO_KIND_MISMATCH'], [5, 'LAO_PROVINCE_MISMATCH'], [6, 'LAO_CODE_FORMAT'],
    [7, 'REGISTRY_KIND_UNKNOWN'], [8, 'REGISTRY_PARENT_UNKNOWN'], [9, 'REGISTRY_DUPLICATE'],
    [10, 'REGISTRY_LEVEL_UNKNOWN'], [11, 'INSTITUTION_OWNER_MISMATCH'], [12, 'INSTITUTION_PROVINCE_MISMATCH'],
    [13, 'INSTITUTION_KIND_MISMATCH'], [14, 'SCHOOL_CODE_FORMAT'],
  ])
  const withBad = await validateFile(data('school.csv'), { registry: data('bad/registry-bad.csv') })
  assert.equal(withBad.registryFindings.length, 12)
})

const ROW = {
  institution_code: '3058600101', person_id: '1101400123451', first_name: 'ดาว', last_name: 'แสงงาม',
  birth_date: '16/05/2564', grade: 'ศพด.', sex: 'หญิง',
}

test('validateRecords: English, camelCase and Thai keys; text, numbers and null', () => {
  const camel = { institutionCode: '3058600101', personId: '1101400123451', firstName: 'ดาว', lastName: 'แสงงาม', birthDate: '16/05/2564', grade: 'ศพด.' }
  const thai = { รหัสสถานศึกษา: '3058600101', เลขประจำตัวประชาชน: '1101400123451', ชื่อ: 'ดาว', นามสกุล: 'แสงงาม', วันเดือนปีเกิด: '16/05/2564', ระดับชั้น: 'ศพด.', note: 'ignored' }
  for (const row of [ROW, camel, thai]) {
    const r = validateRecords([row], { year: 2567 })
    assert.deepEqual(r.findings, [], JSON.stringify(row))
    assert.equal(r.summary.recordsCounted, 1)
  }
  // the same person twice in one institution; a number where text belongs is read as JS writes it
  const r = validateRecords([ROW, { ...ROW, person_id: 1101400123451, room: 2 }])
  assert.deepEqual(r.findings.map((f) => [f.file, f.row, f.code]), [['<records>', 2, 'ID_DUPLICATE']])
  // null is a blank cell (as None is in Python: the same findings), a missing key an absent column
  const blank = validateRecords([{ ...ROW, sex: null }, { ...ROW, person_id: '1234545678781', sex: undefined }])
  assert.deepEqual(blank.findings.map((f) => [f.row, f.code]), [[1, 'SEX_UNKNOWN'], [2, 'SEX_UNKNOWN']])
  assert.deepEqual(validateRecords([ROW]).findings, [])
  // a required column left out is blank
  const missing = validateRecords([{ ...ROW, first_name: undefined }])
  assert.deepEqual(missing.findings.map((f) => f.code), ['NAME_MISSING'])
  assert.deepEqual(validateRecords([]).summary.rows, 0)
  assert.throws(() => validateRecords(['1101400123451']), (e) => e instanceof TypeError && /row 1 .*is a string/.test(e.message))
  assert.throws(() => validateRecords([[1]]), TypeError)
})

test('options: asOf, unmask, registry, policy', () => {
  const early = validateRecords([ROW], { asOf: '01/01/2564' })
  assert.deepEqual(early.findings.map((f) => f.code), ['BIRTHDATE_FUTURE'])
  const masked = validateRecords([ROW, ROW])
  assert.equal(masked.findings[0].value, '1-1014-xxxxx-xx-1')
  const unmasked = validateRecords([ROW, ROW], { unmask: true })
  assert.equal(unmasked.findings[0].value, '1101400123451')
  const reg = validateRecords([ROW], { registry: data('registry.csv') })
  assert.deepEqual(reg.findings.map((f) => f.code), ['INSTITUTION_NOT_REGISTERED'])
})

test('policy loading: files, JSON round trip, and a policy changes the verdicts', () => {
  const toml = Policy.fromFile(path.join(repo, 'examples', 'policy-default.toml'))
  assert.deepEqual(toml.toJSON(), new Policy().toJSON())
  const strict = Policy.fromJson(JSON.stringify({ ...new Policy().toJSON(), reserved_category_9: 'error' }))
  assert.equal(JSON.parse(JSON.stringify(strict)).reserved_category_9, 'error')
  const nine = '9101400123456'
  assert.deepEqual(checkId(nine).findings.map((f) => [f.code, f.severity]), [['ID_RESERVED_CATEGORY', 'warning']])
  assert.deepEqual(checkId(nine, { policy: strict }).findings.map((f) => [f.code, f.severity]), [['ID_RESERVED_CATEGORY', 'error']])
  assert.deepEqual(validateIds([nine]), [null])
  assert.deepEqual(validateIds([nine], { policy: strict }), ['ID_RESERVED_CATEGORY'])
  const cdc = Policy.fromToml('cdc_min_age_years = 4')
  const arrival = { ...ROW, status: 'ย้ายเข้า' }
  assert.deepEqual(validateRecords([arrival], { policy: cdc }).findings.map((f) => f.code), ['AGE_CDC_CRITERION'])
  // the criterion judges children newly transferring in (§4.3.2(1)) unless the scope is `all`
  assert.deepEqual(validateRecords([ROW], { policy: cdc }).findings, [])
  const every = Policy.fromToml('cdc_min_age_years = 4\ncdc_age_criterion_scope = "all"')
  assert.deepEqual(validateRecords([ROW], { policy: every }).findings.map((f) => f.code), ['AGE_CDC_CRITERION'])
})

test('a PersonId shows its masked form unless asked for the number', () => {
  const id = parseId(' 1-1014-00123-45-1 ')
  assert.equal(String(id), '1-1014-xxxxx-xx-1')
  assert.equal(JSON.stringify({ id }), '{"id":"1-1014-xxxxx-xx-1"}')
  assert.equal(inspect(id), 'PersonId(citizen 1-1014-xxxxx-xx-1)')
  assert.ok(!inspect({ id }, { depth: 5 }).includes('1101400123451'))
  assert.equal(id.normalized, '1101400123451')
  const g = parseId('g6442-00000001')
  assert.deepEqual([g.kind, g.normalized, g.masked, g.category, g.provinceCode, g.gcodeYear], ['gcode', 'G644200000001', 'G-64-42-xxxxxxx1', null, '42', 2564])
})

test('listLimit and minSeverity bound the findings listed, never the counts', async () => {
  const options = { registry: data('registry.csv') }
  const all = await validateFile(data('students.csv'), options)
  const few = await validateFile(data('students.csv'), { ...options, listLimit: 3 })
  assert.deepEqual(few.findings, all.findings.slice(0, 3))
  assert.equal(few.summary.findingsOmitted, all.findings.length - 3)
  assert.deepEqual(few.byCode, all.byCode)
  assert.deepEqual(few.byInstitution, all.byInstitution)
  const errorsOnly = await validateFile(data('students.csv'), { ...options, minSeverity: 'error' })
  assert.ok(errorsOnly.findings.length > 0 && errorsOnly.findings.every((f) => f.severity === 'error'))
  assert.equal(errorsOnly.summary.warnings, all.summary.warnings)
  assert.equal(errorsOnly.summary.findingsOmitted, all.findings.filter((f) => f.severity !== 'error').length)
  const records = validateRecords([ROW, ROW, ROW], { listLimit: 1 })
  assert.deepEqual([records.findings.length, records.summary.findingsOmitted], [1, 1])
})

test('workbooks: every sheet with a student table, or the one asked for; uploads too', async () => {
  const registry = Registry.fromFile(data('registry.csv'))
  const book = await validateFile(data('bad/lec-export.xlsx'), { registry })
  assert.deepEqual(book.files.map((f) => [f.sheet, f.format, f.headerRow]), [['รายชื่อนักเรียน', 'xlsx', 6], ['สรุป', 'xlsx', null]])
  assert.ok(book.findings.some((f) => f.code === 'ID_LEADING_ZERO_LOST'))
  const one = await validateFile(data('bad/lec-export.xlsx'), { registry, sheet: 'รายชื่อนักเรียน' })
  assert.deepEqual(one.files.map((f) => f.sheet), ['รายชื่อนักเรียน'])
  const upload = await validateUpload(readFileSync(data('bad/excel-numbers.xlsx')), { name: 'excel-numbers.xlsx' })
  assert.equal(upload.files[0].format, 'xlsx')
  assert.deepEqual(upload.summary, (await validateFile(data('bad/excel-numbers.xlsx'))).summary)
  const truncated = await validateFile(data('bad/truncated.xlsx'))
  assert.deepEqual(truncated.findings.map((f) => f.code), ['FILE_UNREADABLE'])
  // more threads, the same report
  const threaded = await validateFile(data('students.csv'), { registry, threads: 2 })
  assert.deepEqual(threaded, await validateFile(data('students.csv'), { registry }))
})
