// A small web back end on Node's own `http` that checks student data with `lec`, as a government
// system would per request. Run it with `node examples/node/server.mjs` (after `npm ci` here and
// a build of bindings-node); see README.md beside it for the routes.
//
//   POST /validate   application/json {"records": [...], "year"?, "asOf"?}  -> a report
//                    text/csv (UTF-8, Windows-874, ...) or a workbook (.xlsx)  -> a report
//   POST /ids        application/json {"ids": ["1-1014-00123-45-1", ...]}   -> a code or null per ID
//   POST /rounds/:id/commands  {"command": {action, unit, data?, actor?}}  -> the events, or
//                    409 with the rejection's code (WF_CLOSED, ...), 403 for WF_FORBIDDEN
//   GET  /rounds/:id                                                        -> the round's state
//   GET  /rounds/:id/events                                                 -> the event log
//   GET  /rounds/:id/pending[?within=58]  -> who has not confirmed at the server's time: deadlines,
//                    overdue, whom each waits for (a province's, LAO's or institution's part)
//   GET  /health                                                            -> {"ok": true}
//
// File uploads are validated off the event loop (`validateUpload` is an async task), so the server
// keeps answering other requests while a large file is checked.
//
// A real host for the confirmation rounds:
// - authenticated: every /rounds route takes `Authorization: Bearer <token>`; the tokens are a
//   map of SHA-256 (hex) of each token to its unit (`{"<hex>": {"level": "lao", "code": "06580101"}}`,
//   the file `LEC_TOKENS` names). The actor of a command is the token's unit, never the body's:
//   no or an unknown token is 401, a body naming another actor 403, acting outside one's own
//   subtree the core's WF_FORBIDDEN, 403;
// - durable: each round's events are appended to `<LEC_DATA_DIR>/round-<id>.jsonl`, written and
//   fsynced before the answer, and the rounds are rebuilt with `Round.fromEvents` on start (a
//   last line cut short by a crash was never answered: it is dropped);
// - serial: the commands on one round are applied one at a time, in the order they are logged
//   (those that arrive while a write is under way are applied and written together: one fsync);
// - `LEC_NOW` fixes the server's clock (demonstrations, tests); default: the real clock.
import http from 'node:http'
import { createHash } from 'node:crypto'
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, readdirSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Registry, Policy, Round, validateUpload, validateRecords, validateIds } from 'lec'

const JSON_LIMIT = 1 << 20 // 1 MiB: forms and small batches
// a student file as the body: CSV, or a workbook (lec tells the format by the content)
const FILE_TYPES = new Set([
  'text/csv',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'application/vnd.oasis.opendocument.spreadsheet',
])
const CSV_LIMIT = 64 << 20 // 64 MiB: a whole LAO's file

/** An HTTP error with a status and a JSON body. */
class HttpError extends Error {
  constructor(status, code, message) {
    super(message)
    this.status = status
    this.code = code
  }
}

function send(res, status, body) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

/** Reads the request body, refusing more than `limit` bytes. */
async function body(req, limit) {
  const chunks = []
  let size = 0
  for await (const chunk of req) {
    size += chunk.length
    if (size > limit) throw new HttpError(413, 'BODY_TOO_LARGE', `the body is larger than ${limit} bytes`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

async function jsonBody(req) {
  const bytes = await body(req, JSON_LIMIT)
  try {
    return JSON.parse(bytes.toString('utf8'))
  } catch {
    throw new HttpError(400, 'BAD_JSON', 'the body is not JSON')
  }
}

/** What the caller may choose per request (the registry and policy are the server's). */
function requestOptions(doc) {
  const options = {}
  if (doc.year !== undefined) {
    if (!Number.isInteger(doc.year)) throw new HttpError(400, 'BAD_REQUEST', '`year` must be a BE year such as 2567')
    options.year = doc.year
  }
  if (doc.asOf !== undefined) options.asOf = String(doc.asOf)
  return options
}

/** The SHA-256 (hex) of a token, as the tokens file keys it. */
export function tokenHash(token) {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/**
 * Reads a tokens file: `{"<sha-256 hex>": {"level": "lao", "code": "06580101"}, ...}`.
 * @returns {Map<string, {level: string, code: string}>}
 */
export function loadTokens(path) {
  const doc = JSON.parse(readFileSync(path, 'utf8'))
  const tokens = new Map()
  for (const [hash, unit] of Object.entries(doc)) {
    if (!/^[0-9a-f]{64}$/.test(hash) || !unit || typeof unit.level !== 'string' || typeof unit.code !== 'string') {
      throw new Error(`${path}: each key must be a SHA-256 in hex and each value {"level", "code"}`)
    }
    tokens.set(hash, { level: unit.level, code: unit.code })
  }
  return tokens
}

/** A unit's code as the workflow compares it (an LAO login may be written with 7 digits). */
function canonical(actor) {
  const code = String(actor.code)
  return `${actor.level}:${actor.level === 'lao' && /^[0-9]{7}$/.test(code) ? `0${code}` : code}`
}

/** A round's log file, one JSON event a line. */
const logName = (id) => `round-${id}.jsonl`

/**
 * Reads a round's log: its events, and the length of its complete lines (a last line without
 * its line break was cut short by a crash before it was fsynced, so never answered).
 */
function readLog(path) {
  const bytes = readFileSync(path)
  const end = bytes.lastIndexOf(0x0a) + 1
  const text = bytes.subarray(0, end).toString('utf8')
  const events = text.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l))
  return { events, complete: end, cut: bytes.length - end }
}

/**
 * Creates the server (not yet listening).
 * @param {{ registry?: Registry, policy?: Policy, clock?: () => Date, dataDir?: string,
 *   tokens?: Map<string, {level: string, code: string}> }} [config] loaded once and shared by
 *   every request; `clock` is when commands happen (default: now); `dataDir` holds the rounds'
 *   logs (default: rounds in memory only); `tokens` by SHA-256 hex (default: none, so every
 *   /rounds request is 401)
 */
export function createServer(config = {}) {
  const base = {}
  if (config.registry) base.registry = config.registry
  if (config.policy) base.policy = config.policy
  const clock = config.clock ?? (() => new Date())
  const tokens = config.tokens ?? new Map()
  const dataDir = config.dataDir
  // Rounds by id (`2567-2`): the round, its log file and the commands waiting to be applied.
  const rounds = new Map()

  if (dataDir) {
    mkdirSync(dataDir, { recursive: true })
    for (const file of readdirSync(dataDir)) {
      const m = /^round-([0-9]{4}-[0-9])\.jsonl$/.exec(file)
      if (!m || !config.registry) continue
      const path = join(dataDir, file)
      // a broken log throws (WF_LOG_BROKEN): the server does not start on it
      rounds.set(m[1], { round: load(path, m[1]), path, fh: null, queue: [], writing: false })
    }
  }

  /** Rebuilds a round from its log, first dropping a last line cut short (never answered). */
  function load(path, id) {
    const { events, complete, cut } = readLog(path)
    if (cut > 0) {
      // so that appends continue on a clean line
      const fd = openSync(path, 'r+')
      ftruncateSync(fd, complete)
      fsyncSync(fd)
      closeSync(fd)
      console.error(`${path}: dropped a last line cut short (${cut} bytes, never answered)`)
    }
    return Round.fromEvents(config.registry, id, events, config.policy)
  }

  function entry(id) {
    if (!config.registry) throw new HttpError(404, 'NOT_FOUND', 'this server has no registry, so no rounds')
    let r = rounds.get(id)
    if (!r) {
      let round
      try {
        round = new Round(config.registry, id, config.policy)
      } catch (e) {
        if (e && e.code === 'CONFIG_INVALID') throw new HttpError(404, 'NOT_FOUND', `no round ${id}`)
        throw e
      }
      r = { round, path: dataDir ? join(dataDir, logName(id)) : null, fh: null, queue: [], writing: false }
      rounds.set(id, r)
    }
    return r
  }

  /** The unit a request acts for, from its bearer token (401 without a known one). */
  function actor(req) {
    const auth = String(req.headers.authorization ?? '')
    const m = /^Bearer +(\S+)$/i.exec(auth)
    if (!m) throw new HttpError(401, 'UNAUTHENTICATED', 'send `Authorization: Bearer <token>`')
    const unit = tokens.get(tokenHash(m[1]))
    if (!unit) throw new HttpError(401, 'UNAUTHENTICATED', 'the token is not known')
    return unit
  }

  /**
   * Applies the commands waiting on a round, one at a time in arrival order, appends the
   * accepted events to the log, fsyncs it, then answers them; commands arriving meanwhile wait
   * for the next turn. A failed write answers 500 and rebuilds the round from its log.
   */
  async function drain(r, id) {
    if (r.writing) return
    r.writing = true
    try {
      while (r.queue.length > 0) {
        const batch = r.queue.splice(0)
        if (r.broken) {
          for (const job of batch) job.reject(new HttpError(503, 'ROUND_UNAVAILABLE', `round ${id} cannot be stored now`))
          continue
        }
        const done = []
        let lines = ''
        for (const job of batch) {
          try {
            const result = r.round.apply(job.command, clock().toISOString())
            for (const e of result.events) lines += JSON.stringify(e) + '\n'
            done.push([job, result])
          } catch (e) {
            job.reject(e)
          }
        }
        if (lines && r.path) {
          try {
            const created = !r.fh && !existsSync(r.path)
            r.fh ??= await open(r.path, 'a')
            await r.fh.write(lines)
            await r.fh.datasync()
            if (created) {
              // a new log: its name in the folder must survive a crash too
              const folder = await open(dataDir, 'r')
              await folder.sync().finally(() => folder.close())
            }
          } catch (e) {
            server.emit('failure', e)
            // what is in memory may be ahead of the disk: start again from the disk
            await r.fh?.close().catch(() => {})
            r.fh = null
            rebuild(r, id)
            for (const [job] of done) job.reject(new HttpError(503, 'NOT_STORED', 'the command could not be stored: send it again'))
            continue
          }
        }
        for (const [job, result] of done) job.resolve(result)
      }
    } finally {
      r.writing = false
    }
  }

  /** The round as its log holds it; a log that does not replay takes the round out of service. */
  function rebuild(r, id) {
    try {
      r.round = load(r.path, id)
    } catch (e) {
      server.emit('failure', e)
      r.broken = true
    }
  }

  async function command(req, res, id) {
    const who = actor(req)
    const doc = await jsonBody(req)
    if (!doc || typeof doc.command !== 'object' || doc.command === null) {
      throw new HttpError(400, 'BAD_REQUEST', '`command` must be an object {action, unit, data?}')
    }
    const given = doc.command.actor
    if (given !== undefined && (typeof given !== 'object' || given === null || canonical(given) !== canonical(who))) {
      throw new HttpError(403, 'ACTOR_MISMATCH', 'the command names another actor than the token\'s unit')
    }
    const r = entry(id)
    if (r.broken) throw new HttpError(503, 'ROUND_UNAVAILABLE', `round ${id} cannot be stored now`)
    // the actor is the token's, the time the server's; the rest (officer, ...) passes through
    const cmd = { ...doc.command, actor: { level: who.level, code: who.code } }
    const result = await new Promise((resolve, reject) => {
      r.queue.push({ command: cmd, resolve, reject })
      drain(r, id)
    })
    const status = result.accepted ? 200 : result.rejection && result.rejection.code === 'WF_FORBIDDEN' ? 403 : 409
    return send(res, status, result)
  }

  function pending(req, res, id) {
    actor(req)
    const within = new URL(req.url ?? '/', 'http://localhost').searchParams.get('within') ?? undefined
    const at = clock().toISOString()
    // an unknown `within` unit is a TypeError from lec: a 400 below
    return send(res, 200, { at, pending: entry(id).round.pending(at, within) })
  }

  async function validate(req, res) {
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
    if (type === 'application/json') {
      const doc = await jsonBody(req)
      if (!doc || !Array.isArray(doc.records)) throw new HttpError(400, 'BAD_REQUEST', '`records` must be an array of objects')
      // a form's worth of records: checked on the spot
      return send(res, 200, validateRecords(doc.records, { ...base, ...requestOptions(doc) }))
    }
    if (FILE_TYPES.has(type)) {
      const bytes = await body(req, CSV_LIMIT)
      const name = String(req.headers['x-file-name'] ?? 'upload.csv')
      server.emit('validating', { name, bytes: bytes.length })
      // a whole file: checked on a worker thread, the event loop stays free
      return send(res, 200, await validateUpload(bytes, { ...base, name }))
    }
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send application/json, text/csv or a workbook')
  }

  async function ids(req, res) {
    const doc = await jsonBody(req)
    if (!doc || !Array.isArray(doc.ids) || !doc.ids.every((i) => typeof i === 'string')) {
      throw new HttpError(400, 'BAD_REQUEST', '`ids` must be an array of strings')
    }
    const results = validateIds(doc.ids, { policy: base.policy, ...requestOptions(doc) })
    return send(res, 200, { results, invalid: results.filter((r) => r !== null).length })
  }

  const routes = {
    'POST /validate': validate,
    'POST /ids': ids,
    'GET /health': (req, res) => send(res, 200, { ok: true }),
  }
  // routes with a parameter: method, pattern, handler(req, res, ...captures)
  const patterns = [
    ['POST', /^\/rounds\/([0-9]{4}-[0-9])\/commands$/, command],
    ['GET', /^\/rounds\/([0-9]{4}-[0-9])$/, (req, res, id) => (actor(req), send(res, 200, entry(id).round.state))],
    ['GET', /^\/rounds\/([0-9]{4}-[0-9])\/events$/, (req, res, id) => (actor(req), send(res, 200, entry(id).round.events))],
    ['GET', /^\/rounds\/([0-9]{4}-[0-9])\/pending$/, pending],
  ]

  function route(method, path) {
    const fixed = routes[`${method} ${path}`]
    if (fixed) return fixed
    for (const [m, pattern, handler] of patterns) {
      const match = pattern.exec(path)
      if (match && m === method) return (req, res) => handler(req, res, ...match.slice(1))
    }
    const known = Object.keys(routes).some((r) => r.endsWith(` ${path}`)) || patterns.some(([, p]) => p.test(path))
    throw known
      ? new HttpError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}`)
      : new HttpError(404, 'NOT_FOUND', `no route ${path}`)
  }

  const server = http.createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    try {
      await route(req.method, path)(req, res)
    } catch (e) {
      if (e instanceof HttpError) return send(res, e.status, { error: { code: e.code, message: e.message } })
      // lec refused an option (e.g. an unknown `asOf` date): the caller's mistake, in both languages
      if (e && typeof e.kind === 'string' && typeof e.messageTh === 'string') {
        return send(res, 400, { error: { code: e.code, kind: e.kind, messageTh: e.messageTh, messageEn: e.messageEn } })
      }
      if (e instanceof TypeError) return send(res, 400, { error: { code: 'BAD_REQUEST', message: e.message } })
      server.emit('failure', e)
      return send(res, 500, { error: { code: 'INTERNAL', message: 'internal error' } })
    }
  })
  // close the rounds' log files with the server
  server.on('close', () => {
    for (const r of rounds.values()) r.fh?.close().catch(() => {})
  })
  return server
}

// `node server.mjs`: listen on 127.0.0.1:$PORT (default 8080; 0: any free port), with the sample
// registry, the rounds' logs in $LEC_DATA_DIR (default ./lec-data) and the tokens of $LEC_TOKENS.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const registryPath = process.env.LEC_REGISTRY ?? fileURLToPath(new URL('../data/registry.csv', import.meta.url))
  const registry = Registry.fromFile(registryPath)
  const policy = process.env.LEC_POLICY ? Policy.fromFile(process.env.LEC_POLICY) : undefined
  const port = Number(process.env.PORT ?? 8080)
  const dataDir = process.env.LEC_DATA_DIR ?? 'lec-data'
  const tokens = process.env.LEC_TOKENS ? loadTokens(process.env.LEC_TOKENS) : new Map()
  if (tokens.size === 0) console.error('no LEC_TOKENS: every /rounds request will be refused (401)')
  let clock
  if (process.env.LEC_NOW) {
    const fixed = new Date(process.env.LEC_NOW)
    if (Number.isNaN(fixed.getTime())) throw new Error(`LEC_NOW \`${process.env.LEC_NOW}\` is not a time`)
    clock = () => fixed
  }
  const server = createServer({ registry, policy, clock, dataDir, tokens })
  server.on('failure', (e) => console.error(e))
  server.listen(port, '127.0.0.1', () => {
    console.log(`lec example server on http://127.0.0.1:${server.address().port} (registry ${registryPath}, data ${dataDir})`)
  })
}
