// The shared test vectors (test-vectors/*.json): the same files and verdicts as the Rust tests
// (lec-core/tests/vectors.rs), through the package as an application imports it.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { checkId, parseId, validateIds, parseGrade, parseThaiDate, parseLaoCode, parseInstitutionCode, validateRecords, Policy, Registry, BudgetPolicy, Round, summarise, validateHeadcounts, calendarFromJson } from 'lec'
import { thrown, vectors } from './helpers.mjs'

const ids = vectors('ids.json')

test('ids.json: checkId gives every code, the verdict and each accessor', () => {
  assert.equal(ids.policy, 'default')
  assert.ok(ids.vectors.length > 30)
  for (const v of ids.vectors) {
    const check = checkId(v.input, { year: ids.academic_year })
    const label = JSON.stringify(v.input)
    assert.deepEqual(check.findings.map((f) => f.code), v.codes, `codes of ${label}`)
    assert.equal(check.valid, v.valid, `valid of ${label}`)
    const id = check.id
    assert.equal(id?.kind ?? null, v.kind, `kind of ${label}`)
    assert.equal(id?.normalized ?? null, v.normalized, `normalized of ${label}`)
    assert.equal(id?.masked ?? null, v.masked, `masked of ${label}`)
    assert.equal(id?.category ?? null, v.category, `category of ${label}`)
    assert.equal(id?.provinceCode ?? null, v.province_code, `province of ${label}`)
    assert.equal(id?.gcodeYear ?? null, v.gcode_year, `year of ${label}`)
  }
})

test('ids.json: parseId accepts exactly the valid vectors and throws the first error code', () => {
  for (const v of ids.vectors) {
    const label = JSON.stringify(v.input)
    // under the default policy every error is a parse error (no warning is raised to an error)
    if (v.valid) {
      const id = parseId(v.input)
      assert.equal(id.normalized, v.normalized, label)
      assert.equal(id.kind, v.kind, label)
    } else {
      const e = thrown(() => parseId(v.input))
      assert.equal(e.code, v.codes[0], label)
      assert.equal(e.kind, 'invalid_id', label)
    }
  }
})

test('ids.json: validateIds gives null or the first error code, in one call', () => {
  const inputs = ids.vectors.map((v) => v.input)
  const expected = ids.vectors.map((v) => (v.valid ? null : v.codes[0]))
  assert.deepEqual(validateIds(inputs, { year: ids.academic_year }), expected)
  assert.deepEqual(validateIds([]), [])
  assert.deepEqual(validateIds(['']), ['ID_EMPTY'])
})

test('validateIds agrees with checkId value by value across batches, wide and long values', () => {
  // the package entry hands values over in batches of 65,536 as UTF-16: every kind of value on
  // every side of a batch edge, plus values long enough to grow the buffer, must get the verdict
  // checkId gives it alone
  const kinds = [
    ...ids.vectors.map((v) => v.input),
    '1101400123451\u0001', // a control character
    '12\ud800', // a lone surrogate reads as U+FFFD
    '๑๑๐๑๔๐๐๑๒๓๔๕๑', // Thai digits (not ASCII)
    '１１０１４００１２３４５１', // full-width digits
    '\u{1D7CF}101400123451', // a character beyond the BMP (a surrogate pair)
    '๑'.repeat(32), // the longest value read on the stack, every unit 3 bytes of UTF-8
    ' '.repeat(40) + '1101400123451', // longer than the ASCII stack copy
    '1'.repeat(100_000), // a batch fills its buffer before it has 65,536 values
  ]
  const huge = '2'.repeat(5_000_000) // one value longer than the whole buffer
  const values = Array.from({ length: 200_003 }, (_, i) => kinds[(i * 7) % kinds.length])
  values.push(huge, ...kinds)
  const one = new Map([...kinds, huge].map((k) => {
    const c = checkId(k, { year: ids.academic_year })
    return [k, c.valid ? null : c.findings.find((f) => f.severity === 'error').code]
  }))
  assert.deepEqual(validateIds(values, { year: ids.academic_year }), values.map((v) => one.get(v)))
})

test('validateIds called again from inside a call (an element getter) gets its own buffers', () => {
  const values = ['1101400123451', '1101400123452', '1101400123451']
  let inner = null
  Object.defineProperty(values, 1, {
    get() {
      inner = validateIds(['x', '1101400123451'])
      return '1101400123452'
    },
  })
  assert.deepEqual(validateIds(values), [null, 'ID_CHECKSUM', null])
  assert.deepEqual(inner, ['ID_FORMAT', null])
})

test('grades.json: parseGrade', () => {
  for (const v of vectors('grades.json').vectors) {
    if (v.code === null) assert.equal(thrown(() => parseGrade(v.input)).code, 'GRADE_UNKNOWN', v.input)
    else assert.equal(parseGrade(v.input).code, v.code, v.input)
  }
})

test('dates.json: parseThaiDate', () => {
  for (const v of vectors('dates.json').vectors) {
    if (v.date === null) {
      assert.equal(thrown(() => parseThaiDate(v.input)).code, 'BIRTHDATE_INVALID', v.input)
    } else {
      const d = parseThaiDate(v.input)
      assert.equal(d.date, v.date, v.input)
      assert.equal(d.era, v.era, v.input)
    }
  }
})

test('codes.json: parseLaoCode and parseInstitutionCode', () => {
  const doc = vectors('codes.json')
  assert.ok(doc.lao.length > 5 && doc.institution.length > 5)
  for (const v of doc.lao) {
    if (v.error === null) {
      const c = parseLaoCode(v.input)
      assert.deepEqual([c.login, c.kind, c.province], [v.login, v.kind, v.province], v.input)
    } else {
      assert.equal(thrown(() => parseLaoCode(v.input)).code, v.error, v.input)
    }
  }
  for (const v of doc.institution) {
    if (v.error === null) {
      const c = parseInstitutionCode(v.input)
      assert.deepEqual([c.cdc ? 'cdc' : 'school_or_college', c.owner, c.province], [v.class, v.owner, v.province], v.input)
    } else {
      assert.equal(thrown(() => parseInstitutionCode(v.input)).code, v.error, v.input)
    }
  }
})

test('validateIds reads its options once for the whole array (every batch under the same year)', () => {
  let reads = 0
  const options = {
    get year() {
      reads++
      return reads === 1 ? 2567 : -1
    },
  }
  const values = Array(70_000).fill('1101400123451') // two batches
  assert.deepEqual(validateIds(values, options), values.map(() => null))
  assert.equal(reads, 1)
})

test('records.json: the record rules that depend on status and policy', () => {
  const doc = vectors('records.json')
  assert.ok(doc.vectors.length >= 15)
  for (const v of doc.vectors) {
    const policy = Policy.fromJson(JSON.stringify(v.policy))
    const report = validateRecords([v.record], { year: doc.academic_year, policy })
    assert.deepEqual(report.findings.map((f) => f.code), v.codes, v.note)
  }
})

test('budget.json: heads, amounts, exclusions and confirmations per unit', async () => {
  const doc = vectors('budget.json')
  const registry = Registry.fromCsv(doc.registry_csv, 'registry.csv')
  assert.deepEqual(registry.findings, [])
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'lec-budget-')), 'headcounts.csv')
  writeFileSync(file, doc.headcounts_csv)
  const forms = await validateHeadcounts(file, { registry })
  assert.ok(doc.cases.length >= 3)
  for (const c of doc.cases) {
    const budgetPolicy = BudgetPolicy.fromJson(JSON.stringify({ ...BudgetPolicy.builtin().toJSON(), ...c.budget_policy }))
    let round = null
    if (c.round_commands !== null) {
      round = new Round(registry, doc.calendar)
      for (const { at, ...command } of c.round_commands) assert.equal(round.apply(command, at).accepted, true, JSON.stringify(command))
    }
    const s = await summarise(registry, doc.records, forms, { budgetPolicy, ...(round ? { round } : {}) })
    const camel = (k) => k.replace(/_([a-z])/g, (_, x) => x.toUpperCase())
    for (const [k, v] of Object.entries(c.records)) assert.equal(s.records[camel(k)], v, `${c.name}: records.${k}`)
    for (const want of c.units) {
      const got = want.level === 'total' ? s.total : s[`${want.level}s`].find((u) => u.code === want.code)
      const at = `${c.name}: ${want.level} ${want.code}`
      assert.ok(got, at)
      assert.equal(got.excluded, want.excluded, `${at}: excluded`)
      assert.equal(got.confirmed, want.confirmed, `${at}: confirmed`)
      for (const [item, expected] of Object.entries(want.items)) {
        const it = got.items.find((i) => i.item === item)
        assert.deepEqual([it.heads, it.amountSatang], expected, `${at}: ${item}`)
      }
    }
  }
})

test('deadline vector: an LAO may give its institutions an earlier deadline (§5 note)', () => {
  const doc = vectors('deadlines.json')
  const round = new Round(Registry.fromCsv(doc.registry_csv, 'registry.csv'), calendarFromJson(JSON.stringify(doc.calendar)))
  const got = doc.steps.map(({ command: { at, ...command } }) => {
    const r = round.apply(command, at)
    return r.accepted ? 'accepted' : r.rejection.code
  })
  assert.deepEqual(got, doc.steps.map((s) => s.expect))
  const list = round.pending(doc.pending.at, doc.pending.within).filter((u) => !u.headcounts)
  for (const want of doc.pending.units) {
    const unit = list.find((u) => u.code === want.code)
    assert.ok(unit, want.code)
    assert.ok(unit.deadline.startsWith(`${want.deadline_day}T23:59:59`), `${want.code}: ${unit.deadline}`)
    assert.equal(unit.overdue, want.overdue, want.code)
  }
})

