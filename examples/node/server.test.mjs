// The example server, started on 127.0.0.1 (an ephemeral port), asked over HTTP.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Registry } from 'lec'
import { createServer, tokenHash } from './server.mjs'

const data = (name) => fileURLToPath(new URL(`../data/${name}`, import.meta.url))
let server
let base

before(async () => {
  server = createServer({ registry: Registry.fromFile(data('registry.csv')) })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  base = `http://127.0.0.1:${server.address().port}`
})
after(() => server.close())

async function post(path, body, type = 'application/json') {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': type },
    body: type === 'application/json' && typeof body !== 'string' ? JSON.stringify(body) : body,
  })
  return { status: res.status, body: await res.json() }
}

const ROW = {
  institution_code: '3058600001', person_id: '1101400123451', first_name: 'ดาว', last_name: 'แสงงาม',
  birth_date: '16/05/2564', grade: 'ศพด.',
}

test('POST /validate with JSON records answers with the report', async () => {
  const ok = await post('/validate', { records: [ROW], year: 2567 })
  assert.equal(ok.status, 200)
  assert.deepEqual(ok.body.findings, [])
  assert.equal(ok.body.summary.recordsCounted, 1)
  const bad = await post('/validate', { records: [{ ...ROW, person_id: '1101400123452' }, { ...ROW, grade: 'ป.9', person_id: '' }] })
  assert.equal(bad.status, 200)
  assert.deepEqual(bad.body.findings.map((f) => [f.row, f.code, f.severity]), [
    [1, 'ID_CHECKSUM', 'error'], [2, 'ID_EMPTY', 'error'], [2, 'GRADE_UNKNOWN', 'error'],
  ])
  // masked in what the server sends
  assert.equal(bad.body.findings[0].value, '1-1014-xxxxx-xx-2')
  assert.ok(bad.body.findings[0].messageTh.includes('หลักตรวจสอบ'))
  assert.equal(bad.body.summary.recordsWithErrors, 2)
})

test('POST /validate with a CSV body (Windows-874) answers with the report', async () => {
  const res = await post('/validate', readFileSync(data('students-win874.csv')), 'text/csv')
  assert.equal(res.status, 200)
  assert.equal(res.body.files[0].encoding, 'windows-874')
  assert.equal(res.body.summary.rows, 33)
  assert.ok(res.body.findings.some((f) => f.code === 'INSTITUTION_NOT_REGISTERED'))
  const book = await post('/validate', readFileSync(data('bad/excel-numbers.xlsx')), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  assert.equal(book.status, 200)
  assert.equal(book.body.files[0].format, 'xlsx')
  assert.ok(book.body.findings.some((f) => f.code === 'ID_EXCEL_MANGLED'))
})

test('POST /ids checks a batch', async () => {
  const res = await post('/ids', { ids: ['1-1014-00123-45-1', '1101400123452', '110140012345'] })
  assert.deepEqual(res, { status: 200, body: { results: [null, 'ID_CHECKSUM', 'ID_LEADING_ZERO_LOST'], invalid: 2 } })
})

test('bad requests get 4xx answers with a code', async () => {
  assert.deepEqual((await post('/validate', '{not json')).body.error.code, 'BAD_JSON')
  assert.equal((await post('/validate', { records: 'x' })).status, 400)
  const asOf = await post('/validate', { records: [ROW], asOf: 'tomorrow' })
  assert.equal(asOf.status, 400)
  assert.equal(asOf.body.error.code, 'CONFIG_INVALID')
  assert.ok(asOf.body.error.messageTh.length > 0)
  assert.equal((await post('/validate', 'a', 'text/plain')).status, 415)
  assert.equal((await post('/validate', { records: ['not an object'] })).status, 400)
  assert.equal((await post('/ids', { ids: [1] })).status, 400)
  assert.equal((await fetch(`${base}/validate`)).status, 405)
  assert.equal((await fetch(`${base}/nowhere`)).status, 404)
})

test('the server keeps answering while a large upload validates', async () => {
  const lines = ['institution_code,person_id,first_name,last_name,birth_date,grade']
  for (let i = 0; i < 150_000; i++) lines.push(`3058200001,G6458${String(i).padStart(8, '0')},ก,ข,15/03/2556,ป.5`)
  const started = once(server, 'validating')
  const upload = post('/validate', lines.join('\n'), 'text/csv').then((r) => ({ ...r, at: performance.now() }))
  await started
  const health = await fetch(`${base}/health`)
  const healthAt = performance.now()
  assert.deepEqual(await health.json(), { ok: true })
  const done = await upload
  assert.equal(done.status, 200)
  assert.equal(done.body.summary.rows, 150_000)
  assert.ok(healthAt < done.at, 'the health check was answered before the upload finished validating')
})

const TOKENS = {
  school: { token: 'token-of-school-3058200001', unit: { level: 'institution', code: '3058200001' } },
  other: { token: 'token-of-school-3058100001', unit: { level: 'institution', code: '3058100001' } },
  town: { token: 'token-of-lao-04580101', unit: { level: 'lao', code: '04580101' } },
  sao: { token: 'token-of-lao-06580102', unit: { level: 'lao', code: '06580102' } },
}
const tokenMap = () => new Map(Object.values(TOKENS).map((t) => [tokenHash(t.token), t.unit]))

/** A server with tokens (and a data folder, if given) at a fixed time; its URL and a sender. */
async function host(options) {
  const s = createServer({ registry: Registry.fromFile(data('registry.csv')), tokens: tokenMap(), ...options })
  s.listen(0, '127.0.0.1')
  await once(s, 'listening')
  const url = `http://127.0.0.1:${s.address().port}`
  const call = async (method, path, body, token) => {
    const headers = { 'content-type': 'application/json' }
    if (token) headers.authorization = `Bearer ${token}`
    const res = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    return { status: res.status, body: await res.json() }
  }
  return { server: s, url, call }
}

test('POST /rounds/:id/commands applies commands as the token\'s unit at the server\'s time', async () => {
  const { server: clocked, url, call } = await host({ clock: () => new Date('2024-11-01T03:00:00Z') })
  const send = (path, body, who = TOKENS.school) => call('POST', path, body, who?.token)
  try {
    const command = { action: 'confirm', unit: '3058200001', data: { counted: 44, errors: 0 } }
    // no token, an unknown one
    assert.deepEqual([(await send('/rounds/2567-2/commands', { command }, null)).status], [401])
    const unknown = await call('POST', '/rounds/2567-2/commands', { command }, 'not-a-token')
    assert.deepEqual([unknown.status, unknown.body.error.code], [401, 'UNAUTHENTICATED'])
    // a body naming another actor than the token's unit
    const other = await send('/rounds/2567-2/commands', { command: { ...command, actor: TOKENS.other.unit } })
    assert.deepEqual([other.status, other.body.error.code], [403, 'ACTOR_MISMATCH'])
    const ok = await send('/rounds/2567-2/commands', { command: { ...command, actor: TOKENS.school.unit } })
    assert.equal(ok.status, 200)
    assert.equal(ok.body.accepted, true)
    assert.deepEqual(ok.body.events.map((e) => [e.seq, e.action, e.at, e.actor.code]), [[1, 'confirm', '2024-11-01T10:00:00+07:00', '3058200001']])
    const again = await send('/rounds/2567-2/commands', { command })
    assert.equal(again.status, 409)
    assert.equal(again.body.rejection.code, 'WF_ALREADY_CONFIRMED')
    // acting outside one's own subtree: the core's WF_FORBIDDEN, 403
    const forbidden = await send('/rounds/2567-2/commands', { command: { ...command, unit: '3058100001' } })
    assert.deepEqual([forbidden.status, forbidden.body.rejection.code], [403, 'WF_FORBIDDEN'])
    const lao = await send('/rounds/2567-2/commands', { command: { action: 'cancel', unit: '3058600001' } }, TOKENS.town)
    assert.deepEqual([lao.status, lao.body.rejection.code], [403, 'WF_FORBIDDEN'])
    assert.equal((await call('GET', '/rounds/2567-2')).status, 401)
    const state = (await call('GET', '/rounds/2567-2', undefined, TOKENS.town.token)).body
    assert.equal(state.institutions['3058200001'].confirmed, true)
    assert.equal(state.head.seq, 1)
    const events = await call('GET', '/rounds/2567-2/events', undefined, TOKENS.town.token)
    assert.deepEqual(events.body.map((e) => e.hash), ok.body.events.map((e) => e.hash))
    assert.equal((await send('/rounds/2567-2/commands', { command: { action: 'confirm' } })).status, 400)
    assert.equal((await send('/rounds/2599-9/commands', { command })).status, 404)
    assert.equal((await fetch(`${url}/rounds/2567-2/commands`)).status, 405)
  } finally {
    clocked.close()
  }
})

test('rounds are logged to LEC_DATA_DIR, fsynced, and rebuilt on start', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lec-rounds-'))
  try {
    const first = await host({ dataDir: dir, clock: () => new Date('2024-11-01T03:00:00Z') })
    const answered = []
    try {
      // concurrent commands on one round: applied one at a time, in the order logged
      const results = await Promise.all([TOKENS.school, TOKENS.other].map((who) =>
        first.call('POST', '/rounds/2567-2/commands', { command: { action: 'confirm', unit: who.unit.code, data: { counted: 10, errors: 0 } } }, who.token)))
      for (const r of results) {
        assert.equal(r.status, 200)
        answered.push(...r.body.events)
      }
    } finally {
      first.server.close()
    }
    const lines = readFileSync(join(dir, 'round-2567-2.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l))
    assert.deepEqual(lines.map((e) => e.seq), [1, 2])
    assert.deepEqual(new Set(lines.map((e) => e.hash)), new Set(answered.map((e) => e.hash)))
    // a line cut short by a crash (never answered) is dropped on start
    appendFileSync(join(dir, 'round-2567-2.jsonl'), '{"seq":3,"at":"2024-11')
    const second = await host({ dataDir: dir, clock: () => new Date('2024-11-01T04:00:00Z') })
    try {
      const state = (await second.call('GET', '/rounds/2567-2', undefined, TOKENS.town.token)).body
      assert.equal(state.head.seq, 2)
      assert.equal(state.institutions['3058200001'].confirmed, true)
      assert.equal(state.institutions['3058100001'].confirmed, true)
      const next = await second.call('POST', '/rounds/2567-2/commands', { command: { action: 'cancel', unit: '3058200001' } }, TOKENS.town.token)
      assert.deepEqual([next.status, next.body.events[0].seq], [200, 3])
    } finally {
      second.server.close()
    }
    const after = readFileSync(join(dir, 'round-2567-2.jsonl'), 'utf8')
    assert.ok(after.endsWith('\n'))
    assert.deepEqual(after.trimEnd().split('\n').map((l) => JSON.parse(l).seq), [1, 2, 3])
    // a tampered log: the server refuses to start on it
    writeFileSync(join(dir, 'round-2567-2.jsonl'), after.replace('"counted":10', '"counted":11'))
    assert.throws(() => createServer({ registry: Registry.fromFile(data('registry.csv')), dataDir: dir }), (e) => e.code === 'WF_LOG_BROKEN')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('GET /rounds/:id/pending lists who has not confirmed at the server\'s time', async () => {
  const { server: clocked, url, call } = await host({ clock: () => new Date('2024-11-12T05:00:00Z') })
  const get = (path) => call('GET', path, undefined, TOKENS.town.token)
  try {
    const all = await get('/rounds/2567-2/pending')
    assert.equal(all.status, 200)
    assert.equal(all.body.at, '2024-11-12T05:00:00.000Z')
    // noon in Bangkok on the last day: institutions and LAOs are overdue, provinces not yet
    const province = all.body.pending.find((p) => p.level === 'province' && p.code === '42')
    assert.deepEqual(province, {
      level: 'province', headcounts: false, code: '42', name: 'เลย', deadline: '2024-11-12T17:00:00+07:00',
      overdue: false, mayConfirmLate: false, waitingFor: ['06420101'], recorded: false,
    })
    assert.ok(all.body.pending.filter((p) => p.level !== 'province').every((p) => p.overdue))
    const lao = await get('/rounds/2567-2/pending?within=06420101')
    assert.deepEqual(lao.body.pending.map((p) => [p.level, p.code, p.waitingFor]), [
      ['institution', '3042600001', []], ['lao', '06420101', ['3042600001']],
    ])
    const unknown = await get('/rounds/2567-2/pending?within=99999999')
    assert.equal(unknown.status, 400)
    assert.match(unknown.body.error.message, /unit `99999999` is not in the registry/)
    assert.equal((await get('/rounds/2599-9/pending')).status, 404)
    assert.equal((await fetch(`${url}/rounds/2567-2/pending`, { method: 'POST' })).status, 405)
  } finally {
    clocked.close()
  }
})
