// validateFile runs off the event loop: while a large generated file validates, a timer keeps
// firing (a web server keeps answering). A validation on the main thread would starve it.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { validateFile } from 'lec'

const ROWS = 300_000
const dir = mkdtempSync(path.join(tmpdir(), 'lec-node-'))
after(() => rmSync(dir, { recursive: true, force: true }))

function checkDigit(d12) {
  let s = 0
  for (let i = 0; i < 12; i++) s += (d12.charCodeAt(i) - 48) * (13 - i)
  return (11 - (s % 11)) % 10
}

/** A valid student file: unique checksum-valid IDs, 500 pupils per school. */
function bigFile() {
  const lines = ['institution_code,person_id,prefix,first_name,last_name,sex,birth_date,grade,room,nationality,status']
  for (let i = 0; i < ROWS; i++) {
    const school = `30582${String(Math.floor(i / 500)).padStart(5, '0')}`
    const d12 = `15801${String(i).padStart(7, '0')}`
    lines.push(`${school},${d12}${checkDigit(d12)},เด็กชาย,กล้า${i},ใจดี,ชาย,15/03/2556,ป.5,1,ไทย,`)
  }
  const file = path.join(dir, 'big.csv')
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

test('a timer keeps firing while validateFile checks a large file', async () => {
  const file = bigFile()
  const INTERVAL = 10
  let ticks = 0
  let last = performance.now()
  let longestGap = 0
  const timer = setInterval(() => {
    const now = performance.now()
    longestGap = Math.max(longestGap, now - last)
    last = now
    ticks++
  }, INTERVAL)
  const started = performance.now()
  let report
  try {
    report = await validateFile(file, { year: 2567 })
  } finally {
    clearInterval(timer)
  }
  const elapsed = performance.now() - started
  assert.equal(report.summary.rows, ROWS)
  assert.equal(report.summary.recordsCounted, ROWS, JSON.stringify(report.findings.slice(0, 3)))
  // the check is only meaningful when the validation took a while
  assert.ok(elapsed > 10 * INTERVAL, `validation took only ${elapsed.toFixed(0)} ms`)
  // blocked, the loop would run the timer at most once, after the validation; free, it runs
  // it about elapsed / INTERVAL times (a loaded machine delays timers: ask for a quarter)
  const expected = elapsed / INTERVAL
  assert.ok(ticks >= Math.max(5, expected / 4), `${ticks} ticks in ${elapsed.toFixed(0)} ms (longest gap ${longestGap.toFixed(0)} ms)`)
  assert.ok(longestGap < elapsed / 2, `the loop stalled for ${longestGap.toFixed(0)} ms of ${elapsed.toFixed(0)} ms`)
})
