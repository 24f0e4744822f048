// The shared test vectors (test-vectors/*.json): the same files and verdicts as the Rust tests
// (lec-core/tests/vectors.rs), through the package as an application imports it.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { checkId, parseId, validateIds, parseGrade, parseThaiDate, parseLaoCode, parseInstitutionCode } from 'lec'
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

test('ids.json: validateIds gives null or the first error code, in one call, on both paths', () => {
  const inputs = ids.vectors.map((v) => v.input)
  const expected = ids.vectors.map((v) => (v.valid ? null : v.codes[0]))
  assert.deepEqual(validateIds(inputs, { year: ids.academic_year }), expected)
  // a value holding the batch separator U+0001 sends the call down the value-by-value path
  const withSeparator = [...inputs, '1101400123451\u0001']
  assert.deepEqual(validateIds(withSeparator), [...expected, 'ID_FORMAT'])
  assert.deepEqual(validateIds([]), [])
  assert.deepEqual(validateIds(['']), ['ID_EMPTY'])
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
