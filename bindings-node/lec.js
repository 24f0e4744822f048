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

/**
 * Checks a column of IDs given as the bytes of a file or an upload, one ID per line, read in
 * place: `null` or the code of its first error per line. See `index.d.ts`.
 * @param {Uint8Array} bytes
 * @param {import('./index').IdOptions} [options]
 * @returns {(string | null)[]}
 */
function validateIdsBuffer(bytes, options) {
  if (!ArrayBuffer.isView(bytes) || !(bytes instanceof Uint8Array)) {
    throw new TypeError(`validateIdsBuffer: \`bytes\` must be a Buffer or a Uint8Array, not ${describe(bytes)}`)
  }
  const codes = native.validateIdsBytes(bytes, options)
  const n = codes.length
  const out = new Array(n)
  for (let k = 0; k < n; k++) out[k] = CODES[codes[k]]
  return out
}

module.exports.validateIdsBuffer = validateIdsBuffer

// The per-call functions hand a text to the native side through one small typed array per
// thread (shared by every copy of this module on the thread, see `idScratch` in src/id.rs):
// slot 0 the length, 1 the year, 2 whether a year was given, 3–4 the policy's registration, then
// the code units. The native functions that read it take no argument, and a Node-API call
// without arguments skips the per-argument conversions that cost more than the check itself.
// Whatever the buffer cannot carry (a long text, options it does not read, an unusual year or
// policy) goes the ordinary way, which also throws the ordinary errors.
const SCRATCH_HEAD = 5
const SCRATCH = (() => {
  const mine = new Uint16Array(64)
  return native.idScratch(mine, mine) // this thread's buffer: `mine` unless another copy registered one
})()
const SCRATCH_MAX = SCRATCH.length - SCRATCH_HEAD
const idErrorScratch = native.idErrorScratch
const checkIdScratch = native.checkIdScratch
const NativePolicy = native.Policy
let lastPolicy = null
let lastRegistration = 0

/**
 * Writes `text` and the settings of `options` into the handover buffer; false when they have to
 * go the ordinary way. Reads `options.year` and `options.policy` once each.
 */
function handOver(text, year, policy) {
  if (typeof text !== 'string' || text.length > SCRATCH_MAX) return false
  if (year === undefined) {
    SCRATCH[2] = 0
  } else if (Number.isInteger(year) && year >= 0 && year <= 0xffff) {
    SCRATCH[1] = year
    SCRATCH[2] = 1
  } else {
    return false
  }
  if (policy === undefined || policy === null) {
    SCRATCH[3] = 0
    SCRATCH[4] = 0
  } else if (policy instanceof NativePolicy) {
    if (policy !== lastPolicy) {
      lastRegistration = native.idScratchPolicy(policy)
      lastPolicy = policy
    }
    SCRATCH[3] = lastRegistration & 0xffff
    SCRATCH[4] = lastRegistration >>> 16
  } else {
    return false
  }
  const n = text.length
  SCRATCH[0] = n
  for (let j = 0; j < n; j++) SCRATCH[SCRATCH_HEAD + j] = text.charCodeAt(j)
  return true
}

/** The options as read once (getters run once), for the ordinary way. */
const readOptions = (options, year, policy) =>
  options === undefined || options === null || typeof options !== 'object'
    ? options
    : { year, policy, unmask: options.unmask }

const nativeIdError = native.idError

/**
 * Checks one identity field: `null` when it is valid, else the code of its first error. See
 * `index.d.ts`.
 * @param {string} text
 * @param {import('./index').IdOptions} [options]
 * @returns {string | null}
 */
function idError(text, options) {
  let year
  let policy
  if (options !== undefined && options !== null) {
    if (typeof options !== 'object') return nativeIdError(text, options)
    year = options.year
    policy = options.policy
  }
  if (handOver(text, year, policy)) {
    const b = idErrorScratch()
    if (b !== 255) return CODES[b]
    lastPolicy = null // another copy of this module registered a policy since: register again
  }
  return nativeIdError(text, readOptions(options, year, policy))
}

module.exports.idError = idError

// Only this module can make a `PersonId` from a normalised form the native side gave.
const TRUSTED = Symbol('lec.PersonId')

/**
 * A learner's identity (เลขประจำตัวประชาชน or รหัส G), a plain JavaScript object: the normalised
 * form in a private field, the other parts asked from the core once, when first read. See
 * `index.d.ts`.
 */
class PersonId {
  #normalized
  /** @type {{ kind: string, masked: string, category: number | null, provinceCode: string | null, gcodeYear: number | null } | null} */
  #parts = null

  /**
   * Parses like `parseId` (throws `InvalidIdError`).
   * @param {string} text
   */
  constructor(text, trusted) {
    this.#normalized = trusted === TRUSTED ? text : native.parseIdNormalized(text)
  }

  get kind() {
    return this.#described().kind
  }

  get normalized() {
    return this.#normalized
  }

  get masked() {
    return this.#described().masked
  }

  get category() {
    return this.#described().category
  }

  get provinceCode() {
    return this.#described().provinceCode
  }

  get gcodeYear() {
    return this.#described().gcodeYear
  }

  toString() {
    return this.masked
  }

  toJSON() {
    return this.masked
  }

  // `console.log(id)` shows the masked form, as `toString()` and `JSON.stringify` do.
  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `PersonId(${this.kind} ${this.masked})`
  }

  #described() {
    return (this.#parts ??= native.describeId(this.#normalized))
  }
}

/**
 * Parses a personal ID or G-code as people type it; throws `InvalidIdError`. See `index.d.ts`.
 * @param {string} text
 * @returns {PersonId}
 */
function parseId(text) {
  // a valid ID with nothing to report comes back through the handover buffer; anything else
  // (an invalid one throws) goes the ordinary way
  const normalized = handOver(text, undefined, undefined) ? checkIdScratch() : null
  return new PersonId(normalized ?? native.parseIdNormalized(text), TRUSTED)
}

/**
 * Checks one identity field: `{ valid, id, findings }`, a plain object. See `index.d.ts`.
 * @param {string} text
 * @param {import('./index').IdOptions} [options]
 */
function checkId(text, options) {
  let year
  let policy
  if (options !== undefined && options !== null) {
    if (typeof options !== 'object') return checked(native.checkIdRaw(text, options))
    year = options.year
    policy = options.policy
    options = readOptions(options, year, policy)
  }
  // `unmask` changes only what findings show: with no finding the buffer's answer stands
  if (handOver(text, year, policy)) {
    const normalized = checkIdScratch()
    if (normalized !== null) return { valid: true, id: new PersonId(normalized, TRUSTED), findings: [] }
  }
  return checked(native.checkIdRaw(text, options))
}

/** `IdCheck` from what `checkIdRaw` gives. */
function checked(r) {
  if (typeof r === 'string') return { valid: true, id: new PersonId(r, TRUSTED), findings: [] }
  return { valid: r.valid, id: r.normalized === null ? null : new PersonId(r.normalized, TRUSTED), findings: r.findings }
}

module.exports.PersonId = PersonId
module.exports.parseId = parseId
module.exports.checkId = checkId
