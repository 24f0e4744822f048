// The per-call ID functions (`idError`, `parseId`, `checkId`, `PersonId`) and the column of
// bytes (`validateIdsBuffer`): every verdict agrees with `checkId`, value by value, on the
// shared vectors and on the awkward inputs a file or a form brings.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { inspect } from 'node:util'
import { checkId, idError, parseId, validateIds, validateIdsBuffer, PersonId, Policy } from 'lec'
import { thrown, vectors } from './helpers.mjs'
import path from 'node:path'

const ids = vectors('ids.json')
const year = ids.academic_year

/** What `checkId` says of one value: `null` or its first error's code. */
function verdict(text, options = { year }) {
  const c = checkId(text, options)
  return c.valid ? null : c.findings.find((f) => f.severity === 'error').code
}

// what people type and files hold, beyond the vectors
const awkward = [
  '๑๑๐๑๔๐๐๑๒๓๔๕๑', // Thai digits
  '１１０１４００１２３４５１', // full-width digits
  '1-1014-00123-45-1',
  ' 1101400123451 ',
  '1101400123451\r',
  '\ufeff1101400123451', // a BOM
  '',
  '   ',
  '1101400123452',
  'g6442-00000001',
  '1.10140E+12',
  '110140012345',
  '1101400123451x',
  '12\ud800', // a lone surrogate
  '\u{1D7CF}101400123451', // beyond the BMP
]
const all = [...ids.vectors.map((v) => v.input), ...awkward]

test('idError agrees with checkId on every vector and awkward input', () => {
  for (const v of ids.vectors) {
    assert.equal(idError(v.input, { year }), v.valid ? null : v.codes[0], JSON.stringify(v.input))
  }
  for (const text of all) assert.equal(idError(text, { year }), verdict(text), JSON.stringify(text))
  // without options: the default year and policy, as checkId without options
  for (const text of all) assert.equal(idError(text), verdict(text, undefined), JSON.stringify(text))
})

test('idError follows the policy and the year, and refuses a bad year as checkId does', () => {
  const strict = Policy.fromJson(JSON.stringify({ reserved_category_9: 'error' }))
  const nine = '9101400123456'
  assert.equal(idError(nine), null)
  assert.equal(idError(nine, { policy: strict }), 'ID_RESERVED_CATEGORY')
  assert.equal(idError(nine, { policy: strict }), verdict(nine, { policy: strict }))
  const g = 'G684200000001' // a G-code of 2568
  assert.equal(idError(g, { year: 2567 }), verdict(g, { year: 2567 }))
  assert.equal(idError(g, { year: 2568 }), verdict(g, { year: 2568 }))
  assert.equal(thrown(() => idError('1101400123451', { year: -1 })).code, 'CONFIG_INVALID')
  assert.throws(() => idError(1101400123451))
})

test('checkId gives a plain object and parseId a PersonId that shows only the masked form', () => {
  const c = checkId('1-1014-00123-45-1')
  assert.equal(Object.getPrototypeOf(c), Object.prototype)
  assert.deepEqual(Object.keys(c), ['valid', 'id', 'findings'])
  assert.ok(c.id instanceof PersonId)
  const bad = checkId('1101400123452')
  assert.equal(Object.getPrototypeOf(bad), Object.prototype)
  assert.deepEqual([bad.valid, bad.id, bad.findings.map((f) => f.code)], [false, null, ['ID_CHECKSUM']])
  const id = parseId('1101400123451')
  assert.ok(id instanceof PersonId)
  assert.deepEqual(Object.keys(id), [])
  assert.equal(JSON.stringify(id), '"1-1014-xxxxx-xx-1"')
  assert.ok(!inspect(id, { showHidden: true }).includes('1101400123451'))
  // `new PersonId(text)` parses like parseId
  assert.equal(new PersonId(' g6442-00000001 ').normalized, 'G644200000001')
  assert.equal(thrown(() => new PersonId('1101400123452')).code, 'ID_CHECKSUM')
  assert.equal(thrown(() => parseId('1101400123452')).kind, 'invalid_id')
})

/** The lines of a column as the bytes of a file. */
const lines = (values, eol = '\n') => Buffer.from(values.join(eol) + eol, 'utf8')

test('validateIdsBuffer agrees with checkId line by line, LF or CRLF, with or without BOM', () => {
  // a value of the column is one line: no line breaks inside (the BOM only leads the file)
  const column = all.filter((t) => !t.includes('\n') && !t.startsWith('\ufeff') && !t.includes('\ud800'))
  const expected = column.map((t) => verdict(t))
  assert.deepEqual(validateIdsBuffer(lines(column), { year }), expected)
  assert.deepEqual(validateIdsBuffer(lines(column, '\r\n'), { year }), expected)
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), lines(column, '\r\n')])
  assert.deepEqual(validateIdsBuffer(bom, { year }), expected)
  // no line break after the last line: the same values
  assert.deepEqual(validateIdsBuffer(Buffer.from(column.join('\n')), { year }), expected)
  // a plain Uint8Array (not a Buffer), e.g. from fetch or a File
  assert.deepEqual(validateIdsBuffer(new Uint8Array(lines(column)), { year }), expected)
  // the same verdicts validateIds gives the strings
  assert.deepEqual(validateIdsBuffer(lines(column), { year }), validateIds(column, { year }))
})

test('validateIdsBuffer: empty lines are values, empty input has none, bad UTF-8 is a finding', () => {
  assert.deepEqual(validateIdsBuffer(Buffer.alloc(0)), [])
  assert.deepEqual(validateIdsBuffer(Buffer.from([0xef, 0xbb, 0xbf])), [])
  assert.deepEqual(validateIdsBuffer(Buffer.from('\n')), ['ID_EMPTY'])
  assert.deepEqual(validateIdsBuffer(Buffer.from('1101400123451\n\n\r\n1101400123452')), [null, 'ID_EMPTY', 'ID_EMPTY', 'ID_CHECKSUM'])
  const broken = Buffer.concat([Buffer.from('1101400123451\n'), Buffer.from([0x31, 0xff, 0xfe, 0x0a]), Buffer.from('1101400123451')])
  assert.deepEqual(validateIdsBuffer(broken), [null, 'ID_FORMAT', null])
  // a multi-byte digit cut in half is no digit
  const cut = Buffer.from('๑๑๐๑๔๐๐๑๒๓๔๕๑').subarray(0, 38)
  assert.deepEqual(validateIdsBuffer(cut), [verdict(cut.toString('utf8'))])
  assert.throws(() => validateIdsBuffer('1101400123451'), TypeError)
  assert.throws(() => validateIdsBuffer([1, 2, 3]), TypeError)
  assert.equal(thrown(() => validateIdsBuffer(Buffer.from('1'), { year: 2567.5 })).code, 'CONFIG_INVALID')
})

test('validateIdsBuffer over a long column split across threads keeps every line in order', () => {
  // long enough to be checked in parts on every core; every kind of value at every position
  const kinds = all.filter((t) => !t.includes('\n') && !t.startsWith('\ufeff') && !t.includes('\ud800'))
  const one = new Map(kinds.map((k) => [k, verdict(k)]))
  const column = Array.from({ length: 400_003 }, (_, i) => kinds[(i * 7) % kinds.length])
  const got = validateIdsBuffer(lines(column, (column.length & 1) ? '\r\n' : '\n'), { year })
  assert.equal(got.length, column.length)
  assert.deepEqual(got, column.map((v) => one.get(v)))
})

test('the handover buffer: two copies of the package on one thread, policies, long texts, getters', async () => {
  const { createRequire } = await import('node:module')
  const require = createRequire(import.meta.url)
  const entry = require.resolve('lec')
  const first = require(entry)
  // a fresh copy of the entry, the loader and the add-on's exports (as a test runner's module
  // registry makes one): the same library, so the same thread's buffer
  for (const key of Object.keys(require.cache)) if (key.startsWith(path.dirname(entry))) delete require.cache[key]
  const second = require(entry)
  assert.notEqual(first.idError, second.idError)
  const strict = first.Policy.fromJson(JSON.stringify({ reserved_category_9: 'error' }))
  const lenient = new first.Policy()
  const nine = '9101400123456'
  // the two copies take turns with different policies: each call gets its own verdict
  for (let i = 0; i < 3; i++) {
    assert.equal(first.idError(nine, { policy: strict }), 'ID_RESERVED_CATEGORY')
    assert.equal(second.idError(nine, { policy: lenient }), null)
    assert.equal(second.idError('1101400123452'), 'ID_CHECKSUM')
    assert.equal(first.checkId(nine, { policy: strict }).valid, false)
    assert.equal(second.parseId('1101400123451').normalized, '1101400123451')
  }
  // longer than the buffer: the ordinary way, the same verdict
  const long = ' '.repeat(100) + '1101400123451'
  assert.equal(idError(long), verdict(long, undefined))
  assert.equal(checkId(long).id.normalized, '1101400123451')
  // a year the buffer does not carry goes the ordinary way and throws as it does
  assert.equal(thrown(() => idError('1101400123451', { year: 2567.5 })).code, 'CONFIG_INVALID')
  assert.equal(thrown(() => checkId('1101400123451', { year: 70000 })).code, 'CONFIG_INVALID')
  assert.throws(() => idError('1101400123451', { policy: {} }))
  // options are read once, whichever way the call goes
  let reads = 0
  const options = { get year() { reads++; return 2567 } }
  assert.equal(idError('1101400123452', options), 'ID_CHECKSUM')
  assert.equal(checkId(long, options).valid, true)
  assert.equal(reads, 2)
})

test('the handover buffer is per thread: a worker gets the same verdicts', async () => {
  const { Worker } = await import('node:worker_threads')
  const values = all.filter((t) => !t.includes('\ud800'))
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads')
     const lec = require(workerData.entry)
     parentPort.postMessage(workerData.values.map((v) => [lec.idError(v), lec.checkId(v).valid]))`,
    { eval: true, workerData: { entry: (await import('node:module')).createRequire(import.meta.url).resolve('lec'), values } },
  )
  const [got] = await Promise.all([new Promise((ok, fail) => worker.once('message', ok).once('error', fail))])
  assert.deepEqual(got, values.map((v) => [idError(v), checkId(v).valid]))
})
