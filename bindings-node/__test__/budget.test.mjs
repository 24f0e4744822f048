// Budget policies and summaries through Node: the worked examples of
// bindings-python/tests/test_budget.py (amounts computed by hand here, in satang), reconciliation
// of the totals, exclusions, duplicates (masked), confirmations from a round, the refusals, and
// parity with `lec budget --format json`.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { BudgetPolicy, Registry, Round, parseId, summarise, validateHeadcounts } from 'lec'
import { assertMisuse, camelKeys, data, lecOutput, needsCli, play, rejected, repo, schoolRecords, thrown } from './helpers.mjs'

const REGISTRY = data('registry.csv')
const HEADCOUNTS = data('headcounts.csv')
const registry = Registry.fromFile(REGISTRY)
const dir = mkdtempSync(path.join(tmpdir(), 'lec-budget-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const item = (unit, id) => unit.items.find((i) => i.item === id)
const policyDoc = () => structuredClone(BudgetPolicy.builtin().toJSON())

// --- the policy ---------------------------------------------------------------------------------

test('the shipped 2567 policy', () => {
  const p = BudgetPolicy.builtin(2567)
  assert.deepEqual(BudgetPolicy.builtin().toJSON(), p.toJSON())
  assert.deepEqual([p.id, p.academicYear], ['2567', 2567])
  assert.equal(p.gcodeLearnersCount, true)
  assert.equal(p.duplicateResolution, 'unresolved')
  assert.equal(p.confirmationRequired, 'lao') // §9.2: a confirmed LAO's data counts
  const lunch = p.item('lunch')
  // young children count for lunch (cover letter item 4) at a rate nobody published
  assert.deepEqual([lunch.per, lunch.days, lunch.rateKnown], ['day', 200, false])
  assert.deepEqual(lunch.rates.map((r) => [r.grades, r.enrolmentMin, r.enrolmentMax, r.satang]), [
    [['CD'], null, null, null], [null, 1, 40, 3600], [null, 41, 100, 2700], [null, 101, 120, 2400], [null, 121, null, 2200],
  ])
  assert.ok(p.items.every((i) => i.rates.every((r) => r.source.length > 0)), 'every rate names its source')
  assert.equal(p.rate('lunch', 'CD', 10), null)
  assert.deepEqual([1, 40, 41, 100, 101, 120, 121, 5000].map((e) => p.rate('lunch', 'P1', e)), [
    3600, 3600, 2700, 2700, 2400, 2400, 2200, 2200,
  ])
  assert.equal(p.rate('lunch', 'ป.1', 41), 2700) // a grade as a form writes it
  assert.equal(p.rate('lunch', 'P1'), null) // enrolment 0: no tier
  assert.equal(lunch.grades[0], 'CD')
  assert.deepEqual(lunch.institutionKinds, ['school', 'cdc'])
  assert.ok(lunch.source.length > 0)
  const milk = p.item('milk')
  assert.deepEqual([milk.days, milk.rateKnown, p.rate('milk', 'K1')], [260, false, null])
  assert.equal(p.item('nothing'), null)
  assert.deepEqual(p.items.map((i) => i.id), policyDoc().items.map((i) => i.id))
  // JSON round trip: what JSON.stringify writes, fromJson reads
  assert.deepEqual(BudgetPolicy.fromJson(JSON.stringify(p)).toJSON(), p.toJSON())
  assert.equal(policyDoc().items[0].rates[1].satang, 3600)
  const e = thrown(() => BudgetPolicy.builtin(2599))
  assert.deepEqual([e.code, e.name, e.message], ['CONFIG_INVALID', 'InvalidConfigError', 'no budget policy ships for academic year `2599` (there are 2567): give a budget policy file'])
  assert.throws(() => new BudgetPolicy())
})

test('budget policies load from files; bad ones are refused', () => {
  const doc = policyDoc()
  doc.duplicate_resolution = 'first_seen'
  writeFileSync(path.join(dir, 'p.json'), JSON.stringify(doc))
  const loaded = BudgetPolicy.fromFile(path.join(dir, 'p.json'))
  assert.equal(loaded.duplicateResolution, 'first_seen')
  const shipped = path.join(repo, 'lec-core', 'data', 'budget-2567.toml')
  assert.deepEqual(BudgetPolicy.fromFile(shipped).toJSON(), BudgetPolicy.fromToml(readFileSync(shipped, 'utf8')).toJSON())
  assert.deepEqual(BudgetPolicy.fromFile(shipped).toJSON(), BudgetPolicy.builtin().toJSON())
  doc.items.push(doc.items[0])
  const twice = thrown(() => BudgetPolicy.fromJson(JSON.stringify(doc)))
  assert.deepEqual([twice.kind, twice.message], ['invalid_config', 'budget item `lunch` appears twice'])
  assert.equal(thrown(() => BudgetPolicy.fromToml('id = 1')).code, 'CONFIG_INVALID')
  assert.equal(thrown(() => BudgetPolicy.fromFile(path.join(dir, 'missing.toml'))).code, 'FILE_UNREADABLE')
})

test('rate() refuses what is no grade, item or enrolment', () => {
  const p = BudgetPolicy.builtin()
  const grade = thrown(() => p.rate('lunch', 'ป.9', 10))
  assert.deepEqual([grade.code, grade.kind], ['GRADE_UNKNOWN', 'invalid_grade'])
  assert.throws(() => p.rate('caviar', 'P1', 10), { name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE', message: 'the budget policy has no item `caviar`' })
  assert.throws(() => p.rate('lunch', 'P1', -1), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' })
  assert.throws(() => p.rate('lunch', 'P1', 1.5), RangeError)
})

// --- summaries ----------------------------------------------------------------------------------

test('worked example per known rate', async () => {
  const s = await summarise(REGISTRY, schoolRecords(), HEADCOUNTS)
  assert.deepEqual(s.records, {
    rows: 45, counted: 44, removed: 1, withErrors: 0, notConfirmed: 0, unregistered: 0, inactive: 0, gcodeExcluded: 0, duplicatesNotCounted: 0,
  })
  const school = s.institutions.find((u) => u.code === '3058200001')
  assert.deepEqual(school.headsByGrade, { K1: 5, K2: 5, K3: 5, P1: 5, P2: 5, P3: 5, P4: 4, P5: 5, P6: 5 })
  assert.equal(school.excluded, null)
  // lunch: 44 pupils of อ.1–ป.6 is the 41–100 tier, 27 baht a day, 200 days
  assert.equal(school.items[0].item, 'lunch')
  assert.deepEqual([school.items[0].heads, school.items[0].amountSatang], [44, 44 * 2700 * 200])
  // uniforms (per year): 15 pre-school pupils at 300 baht, 29 primary at 360 baht
  assert.equal(item(school, 'uniforms').amountSatang, 15 * 30000 + 29 * 36000)
  // milk: the heads, but no amount (the price per pack is unknown)
  assert.deepEqual([item(school, 'milk').heads, item(school, 'milk').amountSatang], [44, null])
  // other-affiliation schools count for lunch from their forms: 91 (41–100 tier) and 34 (1–40 tier)
  assert.deepEqual(Object.fromEntries(s.schools.map((u) => [u.code, [item(u, 'lunch').heads, item(u, 'lunch').amountSatang]])), {
    1058100101: [91, 91 * 2700 * 200],
    1058100102: [34, 34 * 3600 * 200],
  })
  const province = s.provinces.find((u) => u.code === '58')
  assert.equal(item(province, 'lunch').amountSatang, (44 * 2700 + 91 * 2700 + 34 * 3600) * 200)
  assert.equal(item(province, 'milk').amountSatang, null)
  assert.equal(s.total.level, 'total')
  assert.deepEqual(item(s.total, 'lunch'), item(province, 'lunch'))
  assert.deepEqual(s.items.map((i) => i.id), BudgetPolicy.builtin().items.map((i) => i.id))
  assert.equal(s.items.find((i) => i.id === 'lunch').rateKnown, false) // the young children's rate is unknown
  assert.deepEqual([s.policy, s.academicYear, s.confirmationChecked], ['2567', 2567, false])
  assert.deepEqual(s.unresolvedDuplicates, [])
  // a plain object: a web back end sends it as it is
  assert.deepEqual(JSON.parse(JSON.stringify(s)), s)
})

test('totals reconcile: a province is the sum of its LAOs, an LAO of its institutions and schools', async () => {
  const forms = await validateHeadcounts(HEADCOUNTS, { registry })
  const records = schoolRecords()
  const pao = records.slice(0, 3).map((r) => ({ ...r, รหัสสถานศึกษา: '3058100001', เลขประจำตัวประชาชน: '' }))
  const s = await summarise(registry, [...records, ...pao], forms)
  // the tree, read from the registry file (test data, not a rule)
  const parent = {}
  for (const line of readFileSync(REGISTRY, 'utf8').trim().split('\n').slice(1)) {
    const [, code, , up] = line.split(',')
    parent[code] = up
  }
  for (const f of forms.forms) parent[f.school] = f.lao
  let checked = 0
  const add = (parts, unit) => {
    for (const [i, it] of unit.items.entries()) {
      assert.equal(it.heads, parts.reduce((n, p) => n + p.items[i].heads, 0), `${unit.code} ${it.item}`)
      const amounts = parts.map((p) => p.items[i].amountSatang)
      const expected = amounts.includes(null) ? null : amounts.reduce((a, b) => a + b, 0)
      assert.equal(it.amountSatang, expected, `${unit.code} ${it.item}`)
      checked += 1
    }
  }
  for (const lao of s.laos) add([...s.institutions, ...s.schools].filter((u) => parent[u.code] === lao.code), lao)
  for (const p of s.provinces) add(s.laos.filter((l) => parent[l.code] === p.code), p)
  add(s.provinces, s.total)
  assert.equal(checked, (s.laos.length + s.provinces.length + 1) * s.items.length)
  assert.equal(item(s.total, 'lunch').heads, 44 + 91 + 34)
  // every record accounted for; the PAO school's records have an error (no ID): it counts for nothing
  const r = s.records
  assert.equal(r.rows, r.counted + r.removed + r.withErrors + r.notConfirmed + r.unregistered + r.inactive + r.gcodeExcluded + r.duplicatesNotCounted)
  assert.equal(r.withErrors, 3)
  assert.equal(s.institutions.find((u) => u.code === '3058100001').excluded, 'has_errors')
})

test('duplicates are placed by the policy and masked unless asked', async () => {
  const records = schoolRecords()
  const id = records[0]['เลขประจำตัวประชาชน']
  const twin = { ...records[0], รหัสสถานศึกษา: '3058100001' } // the same pupil at the PAO's school
  const s = await summarise(REGISTRY, [...records, twin])
  assert.deepEqual(s.unresolvedDuplicates, [{ person: parseId(id).masked, institutions: ['3058100001', '3058200001'] }])
  assert.ok(s.unresolvedDuplicates[0].person.includes('xxxxx'))
  assert.ok(!JSON.stringify(s).includes(id), 'the ID appears nowhere in the summary')
  assert.deepEqual([s.records.duplicatesNotCounted, s.records.counted], [2, 43])
  const open = await summarise(REGISTRY, [...records, twin], null, { unmask: true })
  assert.equal(open.unresolvedDuplicates[0].person, id)
  const doc = policyDoc()
  doc.duplicate_resolution = 'lowest_institution_code'
  const placed = await summarise(REGISTRY, [...records, twin], undefined, { budgetPolicy: BudgetPolicy.fromJson(JSON.stringify(doc)) })
  assert.deepEqual(placed.unresolvedDuplicates, [])
  assert.equal(placed.records.counted, 44)
  assert.equal(placed.institutions.find((u) => u.code === '3058100001').items[0].heads, 1)
})

test('only confirmed units count with a round', async () => {
  const round = new Round(registry, '2567-2')
  const records = schoolRecords()
  const open = await summarise(registry, records, HEADCOUNTS, { round })
  assert.equal(open.confirmationChecked, true)
  assert.equal(open.records.notConfirmed, 44)
  assert.deepEqual([...new Set(open.institutions.map((u) => u.excluded))], ['not_confirmed'])
  assert.deepEqual([...new Set(open.schools.map((u) => u.excluded))], ['not_confirmed'])
  play(round)
  assert.deepEqual(Object.fromEntries(open.provinces.map((u) => [u.code, u.confirmed])), { 42: false, 58: false })
  const done = await summarise(registry, records, HEADCOUNTS, { round })
  assert.equal(done.records.counted, 44)
  // beside each province, whether it confirmed: the sample round's Loei did not
  assert.deepEqual(Object.fromEntries(done.provinces.map((u) => [u.code, u.confirmed])), { 42: false, 58: true })
  assert.equal(done.total.confirmed, null)
  assert.equal((await summarise(registry, records, HEADCOUNTS)).provinces[0].confirmed, null)
  // the state as a host stored it counts the same as the round
  const stored = JSON.parse(JSON.stringify(round.state))
  assert.deepEqual(await summarise(registry, records, HEADCOUNTS, { round: stored }), done)
  assert.equal((await summarise(registry, records, HEADCOUNTS)).confirmationChecked, false)
  assertMisuse(() => summarise(registry, records, null, { round: '2567-2' }), 'a round id')
  assert.throws(() => summarise(registry, records, null, { round: { round: '2567/2' } }), {
    name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE', message: /`round` must be a Round or a round state/,
  })
  assertMisuse(() => summarise(registry, records, 42), 'headcounts as a number')
})

test('summarise arguments', async () => {
  const missing = await rejected(summarise(REGISTRY, [], path.join(dir, 'missing-headcounts.csv')))
  assert.deepEqual([missing.code, missing.name], ['FILE_UNREADABLE', 'FileError'])
  const noRegistry = await rejected(summarise(path.join(dir, 'missing-registry.csv'), []))
  assert.equal(noRegistry.code, 'FILE_UNREADABLE')
  const year = thrown(() => summarise(REGISTRY, [], null, { year: 2599 }))
  assert.deepEqual([year.code, year.name], ['CONFIG_INVALID', 'InvalidConfigError'])
  // with a budget policy given, the year is only the record rules'
  assert.equal((await summarise(REGISTRY, [], null, { year: 2568, budgetPolicy: BudgetPolicy.builtin() })).academicYear, 2567)
  assertMisuse(() => summarise(REGISTRY, { person_id: '1' }), 'records as one object')
  assert.throws(() => summarise(REGISTRY, ['not a record']), { name: 'TypeError', message: /record 1 \(index 0\)/ })
  const empty = await summarise(REGISTRY, [])
  assert.equal(empty.records.rows, 0)
  assert.equal(empty.total.items[0].heads, 0)
  assert.deepEqual([...new Set(empty.schools.map((u) => u.excluded))], ['no_form'])
  // a school without a form: its lunch and milk are unknown (null), never 0
  assert.ok(empty.schools.every((u) => item(u, 'lunch').amountSatang === null && item(u, 'milk').amountSatang === null))
  assert.ok(empty.schools.every((u) => item(u, 'uniforms').amountSatang === 0))
  // camelCase keys name the columns too
  const camel = await summarise(REGISTRY, schoolRecords().map((r) => ({
    institutionCode: r['รหัสสถานศึกษา'], personId: r['เลขประจำตัวประชาชน'], firstName: r['ชื่อ'], lastName: r['นามสกุล'],
    birthDate: r['วันเดือนปีเกิด'], grade: r['ระดับชั้น'], status: r['สภาพนักเรียน'],
  })))
  assert.equal(camel.records.counted, 44)
})

test('figures a JavaScript number cannot hold exactly are refused, never rounded', async () => {
  const doc = policyDoc()
  const lunch = doc.items.find((i) => i.id === 'lunch')
  for (const r of lunch.rates) r.satang = 1e15 // 10 trillion baht a day: 44 × 200 days is beyond 2^53 satang
  const absurd = BudgetPolicy.fromJson(JSON.stringify(doc))
  const e = await rejected(summarise(REGISTRY, schoolRecords(), null, { budgetPolicy: absurd }))
  assert.deepEqual([e.code, e.kind, e.name], ['CONFIG_INVALID', 'invalid_config', 'InvalidConfigError'])
  assert.match(e.messageEn, /^the amount `8800000000000000000` satang of `lunch` at `3058200001` is more than a JavaScript number holds exactly/)
  assert.ok(e.messageTh.includes('8800000000000000000'))
  // a rate itself beyond 2^53 − 1 (JSON text: JavaScript could not even write it exactly)
  const text = JSON.stringify(policyDoc()).replace('"satang":3600', '"satang":9007199254740993')
  const rate = thrown(() => BudgetPolicy.fromJson(text))
  assert.equal(rate.code, 'CONFIG_INVALID')
  assert.match(rate.messageEn, /`9007199254740993` of budget item `lunch`/)
})

// --- parity with the command ----------------------------------------------------------------------

/** The CLI's document with the package's shapes: camelCase, `excluded: null` where it is left out. */
function fromCli(doc) {
  const s = camelKeys(doc)
  const unit = (u) => ({ ...u, excluded: u.excluded ?? null })
  for (const level of ['institutions', 'schools', 'laos', 'provinces']) s[level] = s[level].map(unit)
  s.total = unit(s.total)
  return s
}

test('summarise gives the document of `lec budget --format json`', { skip: needsCli }, async () => {
  const args = ['budget', '--registry', REGISTRY, '--records', data('school.csv'), '--headcounts', HEADCOUNTS, '--format', 'json']
  const s = await summarise(REGISTRY, schoolRecords(), HEADCOUNTS)
  assert.deepEqual(s, fromCli(JSON.parse(lecOutput(...args))))
  // with the event log of the sample round: confirmations checked
  const events = path.join(dir, 'events.jsonl')
  lecOutput('round', 'replay', data('round-2567-2.jsonl'), '--registry', REGISTRY, '--events-out', events)
  const log = readFileSync(events, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
  const round = Round.fromEvents(registry, '2567-2', log)
  const confirmed = await summarise(registry, schoolRecords(), await validateHeadcounts(HEADCOUNTS, { registry }), { round })
  assert.equal(confirmed.confirmationChecked, true)
  assert.deepEqual(confirmed, fromCli(JSON.parse(lecOutput(...args, '--log', events))))
})
