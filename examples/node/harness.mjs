// What the durability test (durability.test.mjs) and the load benchmark (load.mjs) share: the
// server as a child process (`node server.mjs`) with a data folder, a tokens file and a fixed
// clock; clients that send confirmation commands as fast as they are answered; and the check
// that every command answered 200 is in the state rebuilt from the log.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SERVER = fileURLToPath(new URL('./server.mjs', import.meta.url))

/** The sample registry's institutions (each acts for itself) and the LAOs above them. */
export const INSTITUTIONS = ['3058100001', '3058100002', '3058200001', '3058500001', '3058600001', '3042600001']
export const LAOS = ['02580101', '04580101', '06580102', '06420101']

/** A data folder and a tokens file for every institution and LAO: `{dir, tokensFile, tokens}`. */
export function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'lec-host-'))
  const tokens = {}
  const file = {}
  for (const [level, codes] of [['institution', INSTITUTIONS], ['lao', LAOS]]) {
    for (const code of codes) {
      const token = `secret-${level}-${code}-${process.pid}`
      tokens[code] = token
      file[createHash('sha256').update(token).digest('hex')] = { level, code }
    }
  }
  const tokensFile = join(dir, 'tokens.json')
  writeFileSync(tokensFile, JSON.stringify(file, null, 1))
  return { dir, data: join(dir, 'data'), tokensFile, tokens }
}

/** Starts `node server.mjs` on a free port; resolves to `{child, url}` once it listens. */
export function startServer({ data, tokensFile }, now = '2024-11-01T03:00:00Z') {
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, PORT: '0', LEC_DATA_DIR: data, LEC_TOKENS: tokensFile, LEC_NOW: now },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let errors = ''
  child.stderr.on('data', (d) => { errors += d })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      const m = /on (http:\/\/127\.0\.0\.1:[0-9]+)/.exec(out)
      if (m) resolve({ child, url: m[1], errors: () => errors })
    })
    child.on('exit', (code, signal) => reject(new Error(`the server stopped (${code ?? signal}): ${errors}`)))
  })
}

/** One command over HTTP: `{status, body, ms}`; a connection refused or reset rejects. */
export async function send(url, token, command, round = '2567-2') {
  const started = performance.now()
  const res = await fetch(`${url}/rounds/${round}/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ command }),
  })
  const body = await res.json()
  return { status: res.status, body, ms: performance.now() - started }
}

/** The LAO each institution of the sample registry belongs to (its confirmation is the LAO's to cancel). */
export const LAO_OF = {
  3058100001: '02580101', 3058100002: '02580101', 3058200001: '04580101',
  3058500001: '04580101', 3058600001: '06580102', 3042600001: '06420101',
}

/**
 * Client `i` of many: for institution `i mod 6`, confirms it as the institution, then cancels
 * the confirmation as its LAO, in turn (some are rejected when another client of the same unit
 * got there first), until `stop()` says so or the server goes away. Every answer goes to `seen`.
 */
export async function client(i, url, tokens, stop, seen) {
  const unit = INSTITUTIONS[i % INSTITUTIONS.length]
  let n = 0
  while (!stop()) {
    const confirm = n % 2 === 0
    const command = confirm ? { action: 'confirm', unit, data: { counted: 10 + ((i + n) % 90), errors: 0 } } : { action: 'cancel', unit }
    n += 1
    let answer
    try {
      answer = await send(url, tokens[confirm ? unit : LAO_OF[unit]], command)
    } catch {
      return // the server is gone
    }
    seen(answer)
  }
}

/** The rebuilt log's events (as `GET /rounds/:id/events` gives them). */
export async function events(url, token, round = '2567-2') {
  const res = await fetch(`${url}/rounds/${round}/events`, { headers: { authorization: `Bearer ${token}` } })
  if (res.status !== 200) throw new Error(`GET events: ${res.status}`)
  return res.json()
}

/** The events answered 200 that the rebuilt log lacks (or holds otherwise): none when nothing was lost. */
export function lost(answered, rebuilt) {
  return answered.filter((e) => rebuilt[e.seq - 1]?.hash !== e.hash)
}

/** The p-th percentile (0-100) of a list of numbers. */
export function percentile(values, p) {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}
