// Benchmark: 1,000,000 personal IDs checked three ways, side by side with the npm package
// `thai-id-validator` (pure JavaScript, a boolean per ID):
//   - thai-id-validator, one call per ID;
//   - lec `parseId`, one call per ID (an object, or a thrown error carrying the reason);
//   - lec `validateIds`, one call for the whole array (null or the reason's code per ID).
// Run by `cargo xtask bench node` (after a release build), or `node bench/ids.mjs [count]`.
// Prints the machine, the versions and ns/ID (best of several rounds), and the ratio
// thai-id-validator / validateIds.
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import isValidThaiID from 'thai-id-validator'

const require = createRequire(import.meta.url)
const lec = require('../lec.js')
const N = Number(process.argv[2] ?? 1_000_000)
const ROUNDS = Number(process.env.LEC_BENCH_ROUNDS ?? 5)

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
const plain = JSON.parse(JSON.stringify(Array.from({ length: N }, (_, i) => plainId(i))))
const typedIds = JSON.parse(JSON.stringify(plain.map(typed)))

function time(fn) {
  let best = Infinity
  let result
  for (let r = 0; r < ROUNDS; r++) {
    const t = process.hrtime.bigint()
    result = fn()
    const ms = Number(process.hrtime.bigint() - t) / 1e6
    if (ms < best) best = ms
  }
  return { ms: best, result }
}

const runners = {
  'thai-id-validator (per ID)': (ids) => {
    let bad = 0
    for (const s of ids) if (!isValidThaiID(s)) bad++
    return bad
  },
  'lec parseId (per ID)': (ids) => {
    let bad = 0
    for (const s of ids) {
      try {
        lec.parseId(s)
      } catch {
        bad++
      }
    }
    return bad
  },
  'lec validateIds (batch)': (ids) => lec.validateIds(ids).reduce((n, r) => n + (r === null ? 0 : 1), 0),
}

const versions = {
  node: process.version,
  lec: require('../package.json').version,
  'thai-id-validator': JSON.parse(readFileSync(new URL('../node_modules/thai-id-validator/package.json', import.meta.url))).version,
}
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'} x ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`)
console.log(`date: ${new Date().toISOString().slice(0, 10)}`)
console.log(`versions: ${Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(', ')}`)
console.log(`${N.toLocaleString('en')} IDs per set, best of ${ROUNDS} rounds`)
const results = {}
for (const [setName, ids] of [['plain 13 digits, 10% wrong check digit', plain], ['typed (dashes, spaces, Thai digits, G-codes)', typedIds]]) {
  console.log(`\n${setName}:`)
  for (const [name, fn] of Object.entries(runners)) {
    const { ms, result } = time(() => fn(ids))
    results[`${setName}/${name}`] = ms
    console.log(`  ${name.padEnd(28)} ${(ms * 1e6 / N).toFixed(1).padStart(7)} ns/ID  ${ms.toFixed(1).padStart(8)} ms  rejected ${result}`)
  }
  const ratio = results[`${setName}/thai-id-validator (per ID)`] / results[`${setName}/lec validateIds (batch)`]
  console.log(`  validateIds is ${ratio.toFixed(1)}x thai-id-validator's speed per ID`)
  // The floor of any batch call from JavaScript: reading every string's characters once, as
  // validateIds does to hand them over (a loop copying code units into a typed array).
  const units = new Uint16Array(16 * ids.length)
  const { ms: copyMs } = time(() => {
    let pos = 0
    for (let i = 0; i < ids.length; i++) {
      const s = ids[i]
      for (let j = 0; j < s.length; j++) units[pos++] = s.charCodeAt(j)
    }
    return pos
  })
  console.log(`  of which reading the strings alone ${(copyMs * 1e6 / N).toFixed(1).padStart(7)} ns/ID (the handover every batch needs)`)
}
const sample = lec.validateIds(['1-1014-00123-45-1', '1101400123452', '110140012345', '1.10140E+12'])
console.log(`\nreasons validateIds gives (thai-id-validator: true/false only): ${JSON.stringify(sample)}`)
