// Every error family of lec-core (ErrorKind) maps to one JavaScript error shape: an `Error`
// whose `code` is the finding code, `name` and `kind` the family, with Thai and English messages.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  errorFamilies, parseId, parseLaoCode, parseInstitutionCode, parseThaiDate, parseGrade, checkId, validateIds,
  validateFile, validateUpload, validateRecords, Policy, Registry, Round,
  validateHeadcounts, summarise, BudgetPolicy, spotCheckSample, builtinCalendar, calendarFromToml, calendarFromFile,
} from 'lec'
import { thrown, rejected, data } from './helpers.mjs'

// The mapping, written out: a change on either side fails here.
const FAMILIES = [
  ['invalid_id', 'InvalidIdError'],
  ['invalid_code', 'InvalidCodeError'],
  ['invalid_date', 'InvalidDateError'],
  ['invalid_grade', 'InvalidGradeError'],
  ['invalid_config', 'InvalidConfigError'],
  ['file', 'FileError'],
  ['invalid_log', 'InvalidLogError'],
]

// One real call per family, with the code and a fragment of each message it must carry.
const CASES = {
  invalid_id: [() => parseId('1234545678782'), 'ID_CHECKSUM', '1-2345-xxxxx-xx-2', 'หลักตรวจสอบ'],
  invalid_code: [() => parseLaoCode('15810401'), 'LAO_CODE_FORMAT', '`15810401`', 'รหัส อปท.'],
  invalid_date: [() => parseThaiDate('31/02/2561'), 'BIRTHDATE_INVALID', '`31/02/2561`', 'วันเกิด'],
  invalid_grade: [() => parseGrade('ป.9'), 'GRADE_UNKNOWN', '`ป.9`', 'ระดับชั้น'],
  invalid_config: [() => Policy.fromJson('{"cdc_minimum": 3}'), 'CONFIG_INVALID', 'cdc_minimum', 'นโยบาย'],
  file: [() => Registry.fromFile('/nonexistent/registry.csv'), 'FILE_UNREADABLE', 'no such file', 'ไม่พบไฟล์'],
  invalid_log: [() => Round.fromEvents(Registry.fromFile(data('registry.csv')), '2567-2', [{ seq: 1 }]), 'WF_LOG_BROKEN', 'event 1', 'บันทึกเหตุการณ์'],
}

function assertLecError(e, kind, code, en, th) {
  const name = Object.fromEntries(FAMILIES)[kind]
  assert.ok(e instanceof Error, `${kind}: an Error`)
  assert.equal(e.kind, kind)
  assert.equal(e.name, name)
  assert.equal(e.code, code)
  assert.equal(e.message, e.messageEn)
  assert.ok(e.messageEn.includes(en), `${kind}: English message ${JSON.stringify(e.messageEn)} has ${en}`)
  assert.ok(e.messageTh.includes(th), `${kind}: Thai message ${JSON.stringify(e.messageTh)} has ${th}`)
  // house style: lower-case start, no trailing period, no Rust type names
  assert.ok(!/^[A-Z]/.test(e.messageEn) && !e.messageEn.endsWith('.') && !e.messageEn.includes('::'), e.messageEn)
  assert.ok(String(e.stack).includes(e.messageEn))
}

test('errorFamilies lists the families of lec-core with their names', () => {
  assert.deepEqual(errorFamilies().map((f) => [f.kind, f.name]), FAMILIES)
})

test('every family is thrown by a real call with its name, code and both messages', () => {
  for (const [kind] of FAMILIES) {
    const [fn, code, en, th] = CASES[kind]
    assertLecError(thrown(fn), kind, code, en, th)
  }
  // and nothing else is tested as a family: the cases cover exactly errorFamilies()
  assert.deepEqual(Object.keys(CASES).sort(), errorFamilies().map((f) => f.kind).sort())
})

test('more codes of the same families', () => {
  assert.equal(thrown(() => parseId('')).code, 'ID_EMPTY')
  assert.equal(thrown(() => parseId('110140012345')).code, 'ID_LEADING_ZERO_LOST')
  assert.equal(thrown(() => parseId('1.10140E+12')).code, 'ID_EXCEL_MANGLED')
  assert.equal(thrown(() => parseId('1111111111119')).code, 'ID_DUMMY')
  assert.equal(thrown(() => parseLaoCode('06990101')).code, 'PROVINCE_UNKNOWN')
  assert.equal(thrown(() => parseInstitutionCode('3099100001')).code, 'PROVINCE_UNKNOWN')
  assert.equal(thrown(() => parseInstitutionCode('12345')).kind, 'invalid_code')
  assert.equal(thrown(() => Policy.fromToml('age_reference_month = 2\nage_reference_day = 30')).code, 'CONFIG_INVALID')
  assert.equal(thrown(() => Policy.fromFile('/nonexistent/policy.toml')).kind, 'file')
  // a bad option is a configuration error
  assertLecError(thrown(() => checkId('1101400123451', { year: 70000 })), 'invalid_config', 'CONFIG_INVALID', '`70000`', '70000')
  assertLecError(thrown(() => validateIds(['1101400123451'], { year: -1 })), 'invalid_config', 'CONFIG_INVALID', 'academic year `-1`', '`-1`')
  // numbers are read as given: not truncated, not wrapped to 32 bits
  assertLecError(thrown(() => checkId('1101400123451', { year: 2567.5 })), 'invalid_config', 'CONFIG_INVALID', '`2567.5`', '`2567.5`')
  assertLecError(thrown(() => validateRecords([], { listLimit: -1 })), 'invalid_config', 'CONFIG_INVALID', '`listLimit` must be a whole number from 0 up, not `-1`', '`-1`')
  assertLecError(thrown(() => validateRecords([], { threads: 0 })), 'invalid_config', 'CONFIG_INVALID', '`threads` must be a whole number from 1 up, not `0`', '`0`')
  assertLecError(thrown(() => BudgetPolicy.builtin(-1)), 'invalid_config', 'CONFIG_INVALID', 'academic year `-1`', '`-1`')
  assertLecError(thrown(() => validateRecords([], { asOf: 'soon' })), 'invalid_config', 'CONFIG_INVALID', '`soon`', '`soon`')
})

test('personal IDs in error messages are masked', () => {
  const e = thrown(() => parseId('1234545678782'))
  assert.ok(!JSON.stringify({ m: e.message, th: e.messageTh, en: e.messageEn }).includes('1234545678782'))
})

test('promises reject with the same error shape (async tasks)', async () => {
  // a file that cannot be opened is a finding of the report, as in `lec validate`
  const unopened = await validateFile('/nonexistent/students.csv')
  assert.deepEqual(unopened.findings.map((f) => [f.code, f.file]), [['FILE_UNREADABLE', '/nonexistent/students.csv']])
  assert.ok(unopened.findings[0].messageEn.includes('no such file') && unopened.findings[0].messageTh.includes('ไม่พบไฟล์'))
  await assert.rejects(validateFile(data('school.csv'), { registry: '/nonexistent/registry.csv' }), (e) => {
    assertLecError(e, 'file', 'FILE_UNREADABLE', 'registry.csv', 'ไม่พบไฟล์')
    return true
  })
  // a bad option is thrown at the call, before any promise exists
  assert.equal(thrown(() => validateUpload('a,b', { asOf: '99/99/9999' })).code, 'CONFIG_INVALID')
})

test('misuse of the API is a TypeError, not a finding', () => {
  assert.throws(() => validateIds(['1101400123451', 1101400123451]), TypeError)
  assert.throws(() => validateIds('1101400123451'), TypeError)
  assert.throws(() => validateRecords([{ person_id: { nested: true } }]), /person_id/)
})

test('headcounts, budget summaries, calendars and monitoring throw and reject the same shapes', async () => {
  const registry = Registry.fromFile(data('registry.csv'))
  // thrown at the call
  assertLecError(thrown(() => BudgetPolicy.builtin(2599)), 'invalid_config', 'CONFIG_INVALID', '`2599`', '`2599`')
  assertLecError(thrown(() => BudgetPolicy.fromJson('{}')), 'invalid_config', 'CONFIG_INVALID', 'budget policy', 'นโยบายงบประมาณ')
  assertLecError(thrown(() => BudgetPolicy.fromFile('/nonexistent/budget.toml')), 'file', 'FILE_UNREADABLE', 'no such file', 'ไม่พบไฟล์')
  assertLecError(thrown(() => BudgetPolicy.builtin().rate('lunch', 'ป.9')), 'invalid_grade', 'GRADE_UNKNOWN', '`ป.9`', 'ระดับชั้น')
  assertLecError(thrown(() => summarise(registry, [], null, { year: 2599 })), 'invalid_config', 'CONFIG_INVALID', '`2599`', '`2599`')
  assertLecError(thrown(() => summarise(registry, [], null, { year: 70000 })), 'invalid_config', 'CONFIG_INVALID', '`70000`', '`70000`')
  assertLecError(thrown(() => spotCheckSample(registry, 99, 1, 1)), 'invalid_code', 'PROVINCE_UNKNOWN', '`99`', '`99`')
  assertLecError(thrown(() => builtinCalendar('2599-1')), 'invalid_config', 'CONFIG_INVALID', '`2599-1`', '`2599-1`')
  assertLecError(thrown(() => calendarFromToml('round = 1')), 'invalid_config', 'CONFIG_INVALID', 'calendar', 'ปฏิทิน')
  assertLecError(thrown(() => calendarFromFile('/nonexistent/calendar.toml')), 'file', 'FILE_UNREADABLE', 'no such file', 'ไม่พบไฟล์')
  // rejected by the promise (the work runs off the event loop)
  const forms = await validateHeadcounts('/nonexistent/headcounts.csv')
  assert.deepEqual(forms.findings.map((f) => [f.code, f.file]), [['FILE_UNREADABLE', '/nonexistent/headcounts.csv']])
  assertLecError(await rejected(summarise('/nonexistent/registry.csv', [])), 'file', 'FILE_UNREADABLE', 'registry.csv', 'ไม่พบไฟล์')
  assertLecError(await rejected(summarise(registry, [], '/nonexistent/headcounts.csv')), 'file', 'FILE_UNREADABLE', 'headcounts.csv', 'ไม่พบไฟล์')
  // misuse is a TypeError or a RangeError, as Node's own functions throw
  const round = new Round(registry, '2567-2')
  assert.throws(() => round.pending('2024-11-01T00:00:00+07:00', '99'), TypeError)
  assert.throws(() => summarise(registry, [7]), TypeError)
  assert.throws(() => round.spotCheckSample(58, 1, -1n), RangeError)
})
