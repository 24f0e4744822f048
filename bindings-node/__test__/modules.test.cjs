// The package loads with `require` (CommonJS) and gives the same objects `import` does.
'use strict'
const { test } = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')

test('require("lec") exposes the whole API', () => {
  const lec = require('lec')
  for (const name of [
    'parseId', 'checkId', 'validateIds', 'validateFile', 'validateUpload', 'validateRecords', 'parseGrade',
    'parseThaiDate', 'parseLaoCode', 'parseInstitutionCode', 'errorFamilies',
  ]) {
    assert.equal(typeof lec[name], 'function', name)
  }
  for (const name of ['Policy', 'Registry', 'PersonId']) assert.equal(typeof lec[name], 'function', name)
  assert.equal(lec.parseId('1101400123451').kind, 'citizen')
  assert.deepEqual(lec.validateIds(['1101400123451', '1101400123452']), [null, 'ID_CHECKSUM'])
  assert.equal(require(path.join(__dirname, '..', 'lec.js')), lec)
})

test('require and import share one module instance', async () => {
  const esm = await import('lec')
  const cjs = require('lec')
  assert.equal(esm.default, cjs)
  assert.equal(esm.parseId, cjs.parseId)
  assert.equal(esm.validateIds, cjs.validateIds)
  assert.ok(new esm.Policy() instanceof cjs.Policy)
})
