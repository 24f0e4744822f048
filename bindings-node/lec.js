// The package entry of `lec`: the loader napi-rs generates (`index.js`, typed by `index.d.ts`)
// plus what only JavaScript does fast. Every rule stays in Rust; this file only moves data.
//
// `validateIds` packs the whole array into one string (`Array.prototype.join`, done by V8 at
// memory speed) and unpacks one byte per value into the result array: crossing Node-API twice
// per value (read the element, read the string) and once more per result (write the element)
// costs more than checking the ID itself. See README, "Node".
'use strict'

// Re-exported as is (so `import { parseId } from 'lec'` finds every name of the loader).
module.exports = require('./index.js')

const native = module.exports
const SEPARATOR = '\u0001'
// byte 0: valid; byte k: the code at k - 1
const CODES = [null, ...native.idErrorCodes()]

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
  for (let i = 0; i < n; i++) {
    if (typeof values[i] !== 'string') {
      throw new TypeError(`validateIds: element ${i} is ${values[i] === null ? 'null' : typeof values[i]}, not a string`)
    }
  }
  if (n === 0) return []
  const codes = native.validateIdsPacked(values.join(SEPARATOR), n, options)
  // a value held the separator itself: check value by value instead
  if (codes === null) return nativeValidateIds(values, options)
  const out = new Array(n)
  for (let i = 0; i < n; i++) out[i] = CODES[codes[i]]
  return out
}

const nativeValidateIds = native.validateIds
module.exports.validateIds = validateIds

// `console.log(id)` shows the masked form, as `toString()` and `JSON.stringify` do.
native.PersonId.prototype[Symbol.for('nodejs.util.inspect.custom')] = function inspect() {
  return `PersonId(${this.kind} ${this.masked})`
}
