// The package entry of `lec`: the loader napi-rs generates (`index.js`, typed by `index.d.ts`)
// plus what only JavaScript does fast. Every rule stays in Rust; this file only moves data.
//
// `validateIds` copies the values' UTF-16 code units into a typed array (a plain JavaScript loop
// the JIT compiles to a memory copy) and hands that, with the end of each value, to the native
// check, which writes one byte per value into another typed array; the bytes become the result
// array here. Crossing Node-API per value — twice to read it, once to write its result — costs
// more than checking the ID itself. See README, "Node".
'use strict'

// Re-exported as is (so `import { parseId } from 'lec'` finds every name of the loader).
module.exports = require('./index.js')

const native = module.exports
// byte 0: valid; byte k: the code at k - 1
const CODES = [null, ...native.idErrorCodes()]
// values per native call: the buffers below are sized for it and reused between calls
const BATCH = 1 << 16
// the code units a batch holds; a buffer grown for one longer value is kept up to KEEP_UNITS
const UNITS = BATCH * 16
const KEEP_UNITS = UNITS * 4
/** @type {{ units: Uint16Array, ends: Uint32Array } | null} */
let spare = null

function buffers() {
  const b = spare ?? { units: new Uint16Array(UNITS), ends: new Uint32Array(BATCH) }
  spare = null // a call made while this one runs (from a getter) gets its own
  return b
}

function describe(v) {
  return v === null ? 'null' : typeof v
}

/**
 * Checks a whole array of identity fields in one call: for each, `null` when it is valid, or
 * the code of its first error (`ID_CHECKSUM`, …). See `index.d.ts`.
 * @param {string[]} values
 * @param {import('./index').IdOptions} [options]
 * @returns {(string | null)[]}
 */
function validateIds(values, options) {
  if (!Array.isArray(values)) throw new TypeError('validateIds: `values` must be an array of strings')
  const n = values.length
  // read once: every batch is checked under the same year and policy
  const opts = options !== null && typeof options === 'object' ? { year: options.year, policy: options.policy } : options
  const b = buffers()
  try {
    return check(values, n, opts, b)
  } finally {
    spare = b
  }
}

function check(values, n, options, b) {
  const out = new Array(n)
  let first = 0
  let next = n > 0 ? text(values, 0) : '' // each element is read once
  do {
    // a batch: at most BATCH values, and no more code units than the buffer holds unless one
    // value alone is longer (it gets a buffer of its own size)
    let units = b.units
    let pos = 0
    let i = first
    while (i < n && i - first < BATCH) {
      const s = next
      const len = s.length
      if (pos + len > units.length) {
        if (pos > 0) break
        units = new Uint16Array(len)
        if (len <= KEEP_UNITS) b.units = units
      }
      for (let j = 0; j < len; j++) units[pos++] = s.charCodeAt(j)
      b.ends[i - first] = pos
      i++
      if (i < n) next = text(values, i)
    }
    const count = i - first
    const codes = native.validateIdsUtf16(units.subarray(0, pos), b.ends.subarray(0, count), options)
    for (let k = 0; k < count; k++) out[first + k] = CODES[codes[k]]
    first = i
  } while (first < n)
  return out
}

function text(values, i) {
  const s = values[i]
  if (typeof s !== 'string') throw new TypeError(`validateIds: element ${i} is ${describe(s)}, not a string`)
  return s
}

module.exports.validateIds = validateIds

// `console.log(id)` shows the masked form, as `toString()` and `JSON.stringify` do.
native.PersonId.prototype[Symbol.for('nodejs.util.inspect.custom')] = function inspect() {
  return `PersonId(${this.kind} ${this.masked})`
}
