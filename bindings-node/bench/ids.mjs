// Benchmark: personal IDs checked every way lec offers, side by side in one run with the npm
// package `thai-id-validator` (pure JavaScript, a boolean per ID):
//   - per call (a web back end checking one ID per request): thai-id-validator, lec `idError`
//     (null or the code), `checkId` (the full explanation, a plain object), `parseId` (a
//     `PersonId`, or a thrown error carrying the reason);
//   - per column: `validateIds` (an array of strings, one call) and `validateIdsBuffer` (the
//     bytes of the column as a file or an upload brings them, one ID per line, read in place).
// Run by `cargo xtask bench node` (after a release build), or `node bench/ids.mjs [count]`.
// The runners take turns round after round (so a machine whose speed drifts slows them alike);
// each figure is the best round. Prints the machine, the versions, ns/ID and the ratio to
// thai-id-validator.
//
// `node bench/ids.mjs --calls NAME COUNT` instead makes COUNT calls of one per-call runner
// after a warm-up and prints nothing else: `cargo xtask bench node` runs it under callgrind
// twice and reports the difference per call as instructions, which a noisy machine cannot move.
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import isValidThaiID from 'thai-id-validator'

const require = createRequire(import.meta.url)
const lec = require('../lec.js')
// as an application imports them (a property read of the module object per call costs extra)
const { idError, checkId, parseId } = lec
const ROUNDS = Number(process.env.LEC_BENCH_ROUNDS ?? 7)

// Deterministic data (a small LCG, no Math.random): 13-digit IDs with a correct check digit,
// every 10th one with a wrong check digit, and — the `typed` set — the forms people type
// (dashes, spaces, Thai digits, G-codes) that lec accepts and thai-id-validator cannot read.
let seed = 42
const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648)
function checkDigit(d12) {
  let s = 0
  for (let i = 0; i < 12; i++) s += (d12.charCodeAt(i) - 48) * (13 - i)
  return (11 - (s % 11)) % 10
}
function plainId(i) {
  let d = String(1 + (next() % 8)) + String(10 + (next() % 80)).padStart(2, '0')
  while (d.length < 12) d += String(next() % 10)
  const c = checkDigit(d)
  return d + String(i % 10 === 9 ? (c + 1) % 10 : c)
}
const THAI = '๐๑๒๓๔๕๖๗๘๙'
function typed(id, i) {
  switch (i % 5) {
    case 0: return `${id[0]}-${id.slice(1, 5)}-${id.slice(5, 10)}-${id.slice(10, 12)}-${id[12]}`
    case 1: return ` ${id} `
    case 2: return [...id].map((c) => THAI[c.charCodeAt(0) - 48]).join('')
    case 3: return `G64${String(10 + (i % 80)).padStart(2, '0')}${String(i).padStart(8, '0')}`
    default: return id
  }
}
// Strings as a server gets them (parsed from JSON: flat, not concatenation trees).
const make = (n) => JSON.parse(JSON.stringify(Array.from({ length: n }, (_, i) => plainId(i))))

// One call per ID: each returns how many it rejected.
const perCall = {
  'thai-id-validator': (ids) => {
    let bad = 0
    for (let i = 0; i < ids.length; i++) if (!isValidThaiID(ids[i])) bad++
    return bad
  },
  'lec idError': (ids) => {
    let bad = 0
    for (let i = 0; i < ids.length; i++) if (idError(ids[i]) !== null) bad++
    return bad
  },
  'lec checkId': (ids) => {
    let bad = 0
    for (let i = 0; i < ids.length; i++) if (!checkId(ids[i]).valid) bad++
    return bad
  },
  'lec parseId': (ids) => {
    let bad = 0
    for (let i = 0; i < ids.length; i++) {
      try {
        parseId(ids[i])
      } catch {
        bad++
      }
    }
    return bad
  },
}

if (process.argv[2] === '--calls') {
  // callgrind mode: a warm-up of 20,000 calls, then COUNT more, over 10,000 distinct IDs
  const fn = perCall[process.argv[3]]
  if (!fn) throw new Error(`--calls: no per-call runner ${process.argv[3]}`)
  const count = Number(process.argv[4])
  const ids = make(10_000)
  const cycle = (n) => Array.from({ length: n }, (_, i) => ids[i % ids.length])
  fn(cycle(20_000))
  fn(cycle(count))
  process.exit(0)
}

const N = Number(process.argv[2] ?? 1_000_000)
const plain = make(N)
const typedIds = JSON.parse(JSON.stringify(plain.map(typed)))

// A column: one call for all of them. The buffer is made before the clock starts, as a file
// or an upload arrives as bytes.
const perColumn = {
  'lec validateIds (array)': (ids) => lec.validateIds(ids).reduce((n, r) => n + (r === null ? 0 : 1), 0),
  'lec validateIdsBuffer (bytes)': (ids, bytes) => lec.validateIdsBuffer(bytes).reduce((n, r) => n + (r === null ? 0 : 1), 0),
}

const versions = {
  node: process.version,
  lec: require('../package.json').version,
  'thai-id-validator': JSON.parse(readFileSync(new URL('../node_modules/thai-id-validator/package.json', import.meta.url))).version,
}
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'} x ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`)
console.log(`date: ${new Date().toISOString().slice(0, 16)} UTC`)
console.log(`versions: ${Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(', ')}`)
console.log(`${N.toLocaleString('en')} IDs per set, best of ${ROUNDS} rounds, the runners taking turns`)

for (const [setName, ids] of [['plain 13 digits, 10% wrong check digit', plain], ['typed (dashes, spaces, Thai digits, G-codes)', typedIds]]) {
  console.log(`\n${setName}:`)
  const bytes = Buffer.from(ids.join('\n') + '\n', 'utf8')
  const runners = { ...perCall, ...perColumn }
  const best = {}
  const rejected = {}
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, fn] of Object.entries(runners)) {
      const t = process.hrtime.bigint()
      rejected[name] = fn(ids, bytes)
      const ns = Number(process.hrtime.bigint() - t) / ids.length
      best[name] = Math.min(best[name] ?? Infinity, ns)
    }
  }
  const peer = best['thai-id-validator']
  for (const name of Object.keys(runners)) {
    const ratio = name === 'thai-id-validator' ? '' : `  ${(peer / best[name]).toFixed(2).padStart(6)}x thai-id-validator`
    console.log(`  ${name.padEnd(30)} ${best[name].toFixed(1).padStart(7)} ns/ID  rejected ${String(rejected[name]).padStart(7)}${ratio}`)
  }
  if (ids === plain) {
    const goals = [
      ['idError >= 1.0x', peer / best['lec idError'] >= 1],
      ['checkId within 3x', best['lec checkId'] <= 3 * peer],
      ['validateIds >= 3x', peer / best['lec validateIds (array)'] >= 3],
      ['validateIdsBuffer >= 5x', peer / best['lec validateIdsBuffer (bytes)'] >= 5],
    ]
    console.log(`  goals: ${goals.map(([g, ok]) => `${g}: ${ok ? 'met' : 'NOT met'}`).join(', ')}`)
  }
}
const sample = lec.validateIds(['1-1014-00123-45-1', '1101400123452', '110140012345', '1.10140E+12'])
console.log(`\nreasons validateIds gives (thai-id-validator: true/false only): ${JSON.stringify(sample)}`)
