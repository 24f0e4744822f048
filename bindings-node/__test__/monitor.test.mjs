// Monitoring a round through Node: the pending list (deadlines, who blocks whom), the
// spot-check sample (test-vectors/workflow.json, bigint seeds), round calendars, and parity with
// `lec round status` / `lec round sample` — the expectations of bindings-python/tests/test_workflow.py.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  Registry, Round, spotCheckSample, builtinCalendar, calendarFromJson, calendarFromToml, calendarFromFile,
  maskOfficer,
} from 'lec'
import { assertMisuse, camelKeys, data, lecOutput, needsCli, play, repo, thrown } from './helpers.mjs'

const REGISTRY = data('registry.csv')
const registry = Registry.fromFile(REGISTRY)
const SAO = '06580102'
const NOON = '2024-11-12T12:00:00+07:00'
const dir = mkdtempSync(path.join(tmpdir(), 'lec-monitor-'))
after(() => rmSync(dir, { recursive: true, force: true }))

// --- the pending list ---------------------------------------------------------------------------

test('pending units, their deadlines and whom they wait for', () => {
  const round = play(new Round(registry, '2567-2'))
  assert.equal(round.events.length, 16)
  const pending = round.pending(NOON)
  assert.deepEqual(pending.map((p) => [p.level, p.code, p.overdue, p.waitingFor]), [
    ['institution', '3042600001', true, []],
    ['lao', '06420101', true, ['3042600001']],
    ['province', '42', false, ['06420101']],
  ])
  assert.deepEqual(pending[2], {
    level: 'province', headcounts: false, code: '42', name: 'เลย', deadline: '2024-11-12T17:00:00+07:00',
    overdue: false, mayConfirmLate: false, waitingFor: ['06420101'], recorded: false,
  })
  assert.equal(pending[0].name, 'ศูนย์พัฒนาเด็กเล็กบ้านนาอ้อ')
  assert.equal(pending[0].deadline, '2024-11-11T23:59:59.999999999+07:00')
  assert.deepEqual(round.pending(NOON, '58'), [])
  assert.deepEqual(round.pending('2024-11-01T00:00:00+07:00', '06420101').map((p) => p.code), ['3042600001', '06420101'])
  assert.deepEqual(round.pending('2024-11-01T00:00:00+07:00', '3042600001').map((p) => p.code), ['3042600001'])
  // any offset is the same instant
  assert.deepEqual(round.pending('2024-11-12T05:00:00Z'), pending)
})

test('a fresh round: every unit pending, an LAO\'s headcounts too, nothing overdue yet', () => {
  const fresh = new Round(registry, '2567-2').pending('2024-11-01T00:00:00+07:00')
  assert.deepEqual(fresh.filter((p) => p.headcounts).map((p) => [p.level, p.code]), [['lao', SAO]])
  assert.ok(!fresh.some((p) => p.overdue))
  assert.equal(fresh.filter((p) => p.level === 'institution').length, 6)
  const town = fresh.find((p) => p.code === '04580101' && !p.headcounts)
  assert.deepEqual(town.waitingFor, ['3058200001', '3058500001'])
  // a province waits for its LAOs and for the headcounts of an LAO with other-affiliation schools
  const province = fresh.find((p) => p.level === 'province' && p.code === '58')
  assert.deepEqual(province.waitingFor, ['02580101', '04580101', SAO, `${SAO} (headcounts)`])
  // after the deadline the same units are overdue
  assert.ok(new Round(registry, '2567-2').pending('2024-11-12T12:00:00+07:00').filter((p) => p.level !== 'province').every((p) => p.overdue))
})

test('a cancelled late confirmation may be confirmed again until the close', () => {
  const round = new Round(registry, '2567-2')
  const cdc = '3058600001'
  assert.ok(round.apply({ actor: { level: 'institution', code: cdc }, action: 'confirm', unit: cdc, data: { counted: 26, errors: 0 } }, '2024-11-05T10:00:00+07:00').accepted)
  assert.ok(round.apply({ actor: { level: 'lao', code: SAO }, action: 'cancel', unit: cdc }, '2024-11-12T09:00:00+07:00').accepted)
  const [late] = round.pending(NOON, cdc)
  assert.deepEqual([late.code, late.overdue, late.mayConfirmLate], [cdc, false, true])
})

test('bad pending calls throw a TypeError', () => {
  const round = new Round(registry, '2567-2')
  assert.throws(() => round.pending(NOON, '3058100099'), {
    name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE', message: 'unit `3058100099` is not in the registry',
  })
  assert.throws(() => round.pending('5/11/2567 10:00'), { name: 'TypeError', message: '`5/11/2567 10:00` is not an RFC 3339 time' })
  assert.equal(round.events.length, 0)
})

// --- the spot-check sample ------------------------------------------------------------------------

test('the spot-check sample is deterministic', () => {
  const a = spotCheckSample(registry, 58, 3, 2567)
  assert.deepEqual(spotCheckSample(registry, '58', 3, 2567), a)
  assert.deepEqual(spotCheckSample(registry, 58, 3, 2567n), a)
  assert.deepEqual(new Round(registry, '2567-2').spotCheckSample(58, 3, 2567), a)
  assert.equal(new Set(a).size, 3)
  assert.ok(a.every((c) => c.startsWith('3058')))
  assert.deepEqual(spotCheckSample(registry, 58, 99, 1).sort(), ['3058100001', '3058100002', '3058200001', '3058500001', '3058600001'])
  const pairs = new Set(Array.from({ length: 20 }, (_, s) => spotCheckSample(registry, 58, 2, s).join()))
  assert.ok(pairs.size > 1, 'the seed changes the sample')
  assert.deepEqual(spotCheckSample(registry, 58, 0, 7), [])
})

test('the spot-check sample refuses what is no province, size or seed', () => {
  const e = thrown(() => spotCheckSample(registry, 99, 1, 1))
  assert.deepEqual([e.code, e.kind, e.name], ['PROVINCE_UNKNOWN', 'invalid_code', 'InvalidCodeError'])
  assert.ok(e.messageEn.includes('`99`'))
  assert.equal(thrown(() => spotCheckSample(registry, 'x', 1, 1)).code, 'PROVINCE_UNKNOWN')
  assert.equal(thrown(() => spotCheckSample(registry, 58.5, 1, 1)).code, 'PROVINCE_UNKNOWN')
  assert.throws(() => spotCheckSample(registry, 10, 1, 1), {
    name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE', message: 'province `10` is not in the registry',
  })
  for (const seed of [-1, 1.5, 2 ** 53, -1n, 2n ** 64n]) {
    assert.throws(() => spotCheckSample(registry, 58, 1, seed), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' }, String(seed))
  }
  assert.throws(() => spotCheckSample(registry, 58, -1, 1), RangeError)
  assertMisuse(() => spotCheckSample(registry, 58, 1, '1'), 'a seed as text')
  assertMisuse(() => spotCheckSample(REGISTRY, 58, 1, 1), 'a registry path')
})

test('workflow.json: every spot-check sample, as the Rust tests expect (bigint seeds beyond 2^53)', () => {
  const doc = JSON.parse(readFileSync(path.join(repo, 'test-vectors', 'workflow.json'), 'utf8'))
  // JSON.parse rounds seeds beyond 2^53: read each seed's digits from the text
  const text = readFileSync(path.join(repo, 'test-vectors', 'workflow.json'), 'utf8')
  // (only the samples' seeds: the steps' spot checks carry seeds too)
  const samples = text.slice(text.indexOf('"spot_check": ['))
  const seeds = [...samples.matchAll(/"seed":\s*(\d+)/g)].map((m) => BigInt(m[1]))
  assert.equal(seeds.length, doc.spot_check.length)
  assert.ok(seeds.some((s) => s > BigInt(Number.MAX_SAFE_INTEGER)), 'a seed beyond 2^53 is among the vectors')
  const vectorRegistry = Registry.fromCsv(doc.registry_csv, 'registry.csv')
  const round = new Round(vectorRegistry, doc.calendar)
  for (const [i, v] of doc.spot_check.entries()) {
    const got = spotCheckSample(vectorRegistry, v.province, v.size, seeds[i])
    assert.deepEqual(got, v.sample, JSON.stringify({ ...v, seed: String(seeds[i]) }))
    assert.deepEqual(round.spotCheckSample(Number(v.province), v.size, seeds[i]), v.sample)
    if (seeds[i] <= BigInt(Number.MAX_SAFE_INTEGER)) assert.deepEqual(spotCheckSample(vectorRegistry, v.province, v.size, Number(seeds[i])), v.sample)
  }
})

// --- calendars ----------------------------------------------------------------------------------

test('the shipped calendar, written out in full', () => {
  const cal = builtinCalendar('2567-2')
  assert.deepEqual(builtinCalendar('2567/2'), cal)
  assert.deepEqual(new Round(registry, '2567-2').calendar, cal)
  assert.deepEqual(cal, {
    academic_year: 2567, round: 2, opens: '2024-10-01T00:00:00+07:00',
    institution_deadline: '2024-11-11T23:59:59.999999999+07:00', lao_deadline: '2024-11-11T23:59:59.999999999+07:00',
    province_deadline: '2024-11-12T17:00:00+07:00', closes: '2024-11-12T17:00:00+07:00',
  })
  assert.deepEqual(calendarFromJson(JSON.stringify(cal)), cal)
  const e = thrown(() => builtinCalendar('2599-1'))
  assert.deepEqual([e.code, e.name, e.message], ['CONFIG_INVALID', 'InvalidConfigError', 'no shipped calendar `2599-1` (there are 2567-2)'])
})

test('calendars load from JSON, TOML and files; a bare date is the end of that day', () => {
  const toml = [
    'academic_year = 2568', 'round = 1', 'opens = "2025-06-01"', 'institution_deadline = "2025-06-20"',
    'lao_deadline = "2025-06-20"', 'province_deadline = "2025-06-21T17:00:00+07:00"', 'closes = "2025-06-21T17:00:00+07:00"',
  ].join('\n')
  const cal = calendarFromToml(toml)
  assert.equal(cal.opens, '2025-06-01T23:59:59.999999999+07:00')
  assert.equal(new Round(registry, cal).id, '2568/1')
  writeFileSync(path.join(dir, 'cal.toml'), toml)
  writeFileSync(path.join(dir, 'cal.json'), JSON.stringify(cal))
  assert.deepEqual(calendarFromFile(path.join(dir, 'cal.toml')), cal)
  assert.deepEqual(calendarFromFile(path.join(dir, 'cal.json')), cal)
  const order = thrown(() => calendarFromToml(toml.replace('opens = "2025-06-01"', 'opens = "2025-07-01"')))
  assert.deepEqual([order.code, order.kind, order.message], ['CONFIG_INVALID', 'invalid_config', 'the calendar is out of order: `opens` comes after `institution_deadline`'])
  assert.equal(thrown(() => calendarFromJson('{"academic_year": 2568}')).code, 'CONFIG_INVALID')
  const missing = thrown(() => calendarFromFile(path.join(dir, 'missing.json')))
  assert.deepEqual([missing.code, missing.name], ['FILE_UNREADABLE', 'FileError'])
})

test('a round runs on a loaded calendar', () => {
  const later = calendarFromJson(JSON.stringify(builtinCalendar('2567-2')).replaceAll('2024-11-12T17:00:00', '2024-11-13T17:00:00'))
  const late = '2024-11-13T09:00:00+07:00'
  const province = { actor: { level: 'province', code: '58' }, action: 'confirm', unit: '58' }
  assert.equal(new Round(registry, '2567-2').apply(province, late).rejection.code, 'WF_CLOSED')
  assert.equal(new Round(registry, later).apply(province, late).rejection.code, 'WF_CHILDREN_PENDING')
  assert.equal(new Round(registry, later).pending(late).find((p) => p.level === 'province' && p.code === '58').deadline, '2024-11-13T17:00:00+07:00')
})

// --- parity with `lec round` ----------------------------------------------------------------------

test('the pending list and the sample of `lec round status` / `lec round sample`', { skip: needsCli }, () => {
  const events = path.join(dir, 'events.jsonl')
  lecOutput('round', 'replay', data('round-2567-2.jsonl'), '--registry', REGISTRY, '--events-out', events)
  const log = readFileSync(events, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
  const round = Round.fromEvents(registry, '2567-2', log)
  assert.deepEqual(round.state, play(new Round(registry, '2567-2')).state)
  for (const at of [NOON, '2024-11-01T00:00:00+07:00']) {
    const status = lecOutput('round', 'status', '--registry', REGISTRY, '--log', events, '--at', at, '--format', 'json')
    assert.deepEqual(round.pending(at), camelKeys(JSON.parse(status)))
  }
  for (const [size, seed] of [[3, '2567'], [2, '18446744073709551615']]) {
    const sample = lecOutput('round', 'sample', '--registry', REGISTRY, '--province', '58', '--size', String(size), '--seed', seed)
    assert.deepEqual(spotCheckSample(registry, 58, size, BigInt(seed)), sample.split(/\s+/).filter(Boolean))
  }
})

test('issue 20: spot checks, officers, recorded, a headcount edit that withdraws the province', () => {
  const round = play(new Round(registry, '2567-2'))
  const school = '3058100001'
  const check = { seed: 2567, result: 'issues', note: 'two records without a birth date' }
  const spot = { actor: { level: 'province', code: '58' }, action: 'spot_check', unit: school, officer: 'P58-0007', check }
  const early = new Round(registry, '2567-2')
  const r = early.apply(spot, '2024-11-04T09:00:00+07:00')
  assert.ok(r.accepted)
  assert.equal(r.events[0].officer, 'P58-0007', 'the log keeps the officer as recorded')
  assert.deepEqual(r.events[0].check, check)
  assert.equal(early.state.spot_checks[school].result, 'issues')
  const [p] = early.pending('2024-11-05T00:00:00+07:00', school)
  assert.equal(p.recorded, false)
  assert.equal(p.lastSpotCheck.officer, 'P5xxxx07', 'masked in the pending list')
  assert.equal(maskOfficer('EMP-0042'), 'EMxxxx42')
  assert.equal(early.apply({ ...spot, check: undefined }, '2024-11-05T09:00:00+07:00').rejection.code, 'WF_CHECK_MISSING')
  // §4.2(4): the LAO's headcount edit after the province confirmed withdraws both confirmations
  assert.equal(round.state.provinces['58'].confirmed, true)
  const edit = round.apply({ actor: { level: 'lao', code: SAO }, action: 'edit', unit: SAO, data: { counted: 2, errors: 0 } }, '2024-11-12T16:59:30+07:00')
  assert.deepEqual(edit.events.map((e) => [e.action, e.unit]), [['edit', SAO], ['withdraw', '58']])
  assert.equal(round.state.provinces['58'].confirmed, false)
  assert.ok(round.apply({ actor: { level: 'lao', code: SAO }, action: 'confirm_headcounts', unit: SAO }, '2024-11-12T16:59:40+07:00').accepted)
  assert.ok(round.apply({ actor: { level: 'province', code: '58' }, action: 'confirm', unit: '58' }, '2024-11-12T16:59:50+07:00').accepted)
  assert.deepEqual(Round.fromEvents(registry, '2567-2', round.events).state, round.state)
})
