// Parity with the `lec` command line (the binary is handed over as LEC_CLI by `cargo xtask
// test`): the same files and IDs give the same report, key for key (camelCase here).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { checkId, validateFile } from 'lec'
import { camelKeys, data, vectors } from './helpers.mjs'

const cli = process.env.LEC_CLI
const skip = cli ? false : 'LEC_CLI is not set (cargo xtask test sets it)'

function lec(...args) {
  const r = spawnSync(cli, args, { encoding: 'utf8' })
  // 0: no error, 1: errors, 2: an unreadable input (still in the JSON report)
  assert.ok([0, 1, 2].includes(r.status) && r.stdout.trim() !== '', `lec ${args.join(' ')}: exit ${r.status} ${r.stderr}`)
  return JSON.parse(r.stdout)
}

test('validateFile gives the report of `lec validate --format json`', { skip }, async () => {
  for (const [files, registry] of [
    [[data('students.csv')], data('registry.csv')],
    [[data('students.csv'), data('students-win874.csv'), data('school.csv')], data('registry.csv')],
    [[data('school.csv')], data('bad/registry-bad.csv')],
    [[data('bad/missing-column.csv'), data('bad/binary.csv')], null],
    // workbooks: LEC's export layout (a title block, Thai headers, a summary sheet), numbers
    // Excel mangled, a truncated file
    [[data('bad/lec-export.xlsx'), data('bad/excel-numbers.xlsx'), data('bad/truncated.xlsx')], data('registry.csv')],
  ]) {
    const args = ['validate', ...files, '--format', 'json', '--year', '2567']
    if (registry) args.push('--registry', registry)
    const expected = camelKeys(lec(...args))
    const report = await validateFile(files, registry ? { registry, year: 2567 } : { year: 2567 })
    // the CLI leaves `sheet` out when the file is no workbook; the package says null
    assert.deepEqual(report.files, expected.files.map((f) => ({ sheet: null, ...f })))
    const { files: _files, registryFindings, ...rest } = report
    const { files: _cliFiles, registryFindings: cliRegistryFindings, ...cliRest } = expected
    assert.deepEqual(rest, cliRest)
    assert.deepEqual(registryFindings, cliRegistryFindings ?? [])
    assert.ok(rest.byCode.length > 0 && rest.byInstitution.length > 0)
  }
})

test('checkId explains IDs as `lec id --format json` does', { skip }, () => {
  const inputs = vectors('ids.json').vectors.map((v) => v.input)
  const expected = lec('id', ...inputs, '--format', 'json', '--year', '2567')
  assert.equal(expected.length, inputs.length)
  for (const [i, input] of inputs.entries()) {
    const c = checkId(input, { year: 2567 })
    const id = c.id
    const got = {
      input,
      valid: c.valid,
      kind: id?.kind ?? null,
      normalized: id?.normalized ?? null,
      masked: id?.masked ?? null,
      category: id?.category ?? null,
      provinceCode: id?.provinceCode ?? null,
      gcodeYear: id?.gcodeYear ?? null,
      findings: c.findings,
    }
    assert.deepEqual(got, camelKeys(expected[i]), JSON.stringify(input))
  }
})
