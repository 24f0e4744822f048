// The confirmation workflow through Node: commands accepted as events or rejected with one code,
// the state and the event log as JSON for the host's database, and the log's hash chain.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Round, Registry, Policy, validateFile } from 'lec'
import { data, thrown, vectors } from './helpers.mjs'

const registry = Registry.fromFile(data('registry.csv'))
const school = '3058200001' // a school of the town municipality 04580101
const at = (day, time = '10:00:00') => `2024-11-${day}T${time}+07:00`
const confirm = (unit, counted, errors = 0) => ({ actor: { level: 'institution', code: unit }, action: 'confirm', unit, data: { counted, errors } })

test('commands are accepted as events or rejected with exactly one code', () => {
  const round = new Round(registry, '2567-2')
  assert.equal(round.id, '2567/2')
  assert.equal(round.calendar.closes, '2024-11-12T17:00:00+07:00')

  const ok = round.apply(confirm(school, 40), at('01'))
  assert.equal(ok.accepted, true)
  assert.equal(ok.rejection, null)
  assert.deepEqual(ok.events.map((e) => [e.seq, e.action, e.unit, e.actor.code]), [[1, 'confirm', school, school]])
  assert.match(ok.events[0].hash, /^[0-9a-f]{64}$/)

  const cases = [
    [confirm(school, 40), at('02'), 'WF_ALREADY_CONFIRMED'],
    [confirm('3058500001', 3, 2), at('02'), 'WF_HAS_ERRORS'],
    [confirm('3058500001', 0), at('02'), 'WF_EMPTY'],
    [{ ...confirm(school, 40), actor: { level: 'lao', code: '02580101' } }, at('02'), 'WF_FORBIDDEN'],
    [confirm('3099999999', 1), at('02'), 'WF_UNKNOWN_UNIT'],
    [confirm('3058500001', 3), '2024-11-13T09:00:00+07:00', 'WF_CLOSED'],
    [confirm('3058500001', 3), '2024-09-30T09:00:00+07:00', 'WF_NOT_OPEN'],
  ]
  for (const [command, now, code] of cases) {
    const r = round.apply(command, now)
    assert.equal(r.accepted, false, code)
    assert.deepEqual(r.events, [])
    assert.equal(r.rejection.code, code)
    assert.ok(r.rejection.messageTh.length > 0 && r.rejection.messageEn.length > 0)
    assert.ok(!r.rejection.messageEn.endsWith('.'), r.rejection.messageEn)
  }
  // a rejection changes nothing; the LAO above cancels the school's confirmation
  assert.equal(round.events.length, 1)
  const cancel = round.apply({ actor: { level: 'lao', code: '04580101' }, action: 'cancel', unit: school }, at('03'))
  assert.equal(cancel.accepted, true)
  assert.equal(round.state.institutions[school].confirmed, false)
  assert.equal(round.state.head.seq, 2)
})

test('the event log rebuilds the round and its hash chain catches tampering', () => {
  const round = new Round(registry, '2567-2')
  round.apply(confirm(school, 40), at('01'))
  round.apply(confirm('3058500001', 12), at('01', '11:00:00'))
  round.apply({ actor: { level: 'lao', code: '04580101' }, action: 'confirm', unit: '04580101' }, at('04'))
  // stored as JSON by the host, read back later
  const stored = JSON.parse(JSON.stringify(round.events))
  const again = Round.fromEvents(registry, '2567-2', stored)
  assert.deepEqual(again.state, round.state)
  assert.equal(again.state.laos['04580101'].confirmed, true)

  const tampered = structuredClone(stored)
  tampered[1].data.counted = 13
  const e = thrown(() => Round.fromEvents(registry, '2567-2', tampered))
  assert.deepEqual([e.code, e.name, e.kind, e.index, e.problem], ['WF_LOG_BROKEN', 'InvalidLogError', 'invalid_log', 1, 'tampered'])
  assert.ok(e.messageTh.length > 0 && e.message === e.messageEn)
  const dropped = stored.filter((_, i) => i !== 0)
  assert.equal(thrown(() => Round.fromEvents(registry, '2567-2', dropped)).problem, 'sequence')
  assert.equal(thrown(() => Round.fromEvents(registry, '2567-2', [{ seq: 1 }])).problem, 'unreadable')
})

test('a report gives the data status an institution confirms with', async () => {
  const report = await validateFile(data('school.csv'), { registry })
  const mine = report.byInstitution.find((i) => i.institution === school)
  assert.ok(mine && mine.recordsCounted > 0 && mine.errors === 0)
  const round = new Round(registry, '2567-2', new Policy())
  const r = round.apply(confirm(school, mine.recordsCounted, mine.errors), at('05'))
  assert.equal(r.accepted, true, JSON.stringify(r.rejection))
})

test('bad calls throw', () => {
  const round = new Round(registry, '2567-2')
  assert.throws(() => round.apply({ action: 'confirm' }, at('01')), TypeError)
  assert.throws(() => round.apply(confirm(school, 1), 'yesterday'), TypeError)
  assert.equal(thrown(() => new Round(registry, '2599-9')).code, 'CONFIG_INVALID')
  const custom = { academic_year: 2568, round: 1, opens: '2025-06-01', institution_deadline: '2025-06-10', lao_deadline: '2025-06-10', province_deadline: '2025-06-12', closes: '2025-06-12' }
  assert.equal(new Round(registry, custom).id, '2568/1')
  assert.equal(thrown(() => new Round(registry, { ...custom, closes: '2025-05-01' })).code, 'CONFIG_INVALID')
})

test('workflow.json: every step\'s verdict and the final state, as the Rust tests expect', () => {
  const doc = vectors('workflow.json')
  const round = new Round(Registry.fromCsv(doc.registry_csv, 'registry.csv'), doc.calendar)
  assert.ok(doc.steps.length > 20)
  for (const [i, step] of doc.steps.entries()) {
    const { at: now, ...command } = step.command
    const r = round.apply(command, now)
    const got = r.accepted ? 'accepted' : r.rejection.code
    assert.equal(got, step.expect, `step ${i + 1}: ${step.note ?? JSON.stringify(step.command)}`)
  }
  assert.equal(round.events.length, doc.final.events)
  const confirmed = (units) => Object.entries(units).filter(([, u]) => u.confirmed).map(([code]) => code).sort()
  const state = round.state
  for (const level of ['institutions', 'laos', 'headcounts', 'provinces']) {
    assert.deepEqual(confirmed(state[level]), [...doc.final.confirmed[level]].sort(), level)
  }
})
