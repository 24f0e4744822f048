// A small web back end on Node's own `http` that checks student data with `lec`, as a government
// system would per request. Run it with `node examples/node/server.mjs` (after `npm ci` here and
// a build of bindings-node); see README.md beside it for the routes.
//
//   POST /validate   application/json {"records": [...], "year"?, "asOf"?}  -> a report
//                    text/csv (UTF-8, Windows-874, ...) or a workbook (.xlsx)  -> a report
//   POST /ids        application/json {"ids": ["1-1014-00123-45-1", ...]}   -> a code or null per ID
//   POST /rounds/:id/commands  {"command": {actor, action, unit, data?}}   -> the events, or
//                    409 with the rejection's code (WF_CLOSED, WF_FORBIDDEN, ...)
//   GET  /rounds/:id                                                        -> the round's state
//   GET  /rounds/:id/pending[?within=58]  -> who has not confirmed at the server's time: deadlines,
//                    overdue, whom each waits for (a province's, LAO's or institution's part)
//   GET  /health                                                            -> {"ok": true}
//
// File uploads are validated off the event loop (`validateUpload` is an async task), so the server
// keeps answering other requests while a large file is checked.
import http from 'node:http'
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

/**
 * Creates the server (not yet listening).
 * @param {{ registry?: Registry, policy?: Policy, clock?: () => Date }} [config] loaded once and
 *   shared by every request; `clock` is when commands happen (default: now)
 */
export function createServer(config = {}) {
  const base = {}
  if (config.registry) base.registry = config.registry
  if (config.policy) base.policy = config.policy
  const clock = config.clock ?? (() => new Date())
  // Rounds by id (`2567-2`), kept in memory here. A real host appends each command's `events`
  // to its database and rebuilds a round after a restart with `Round.fromEvents`.
  const rounds = new Map()

  function round(id) {
    if (!config.registry) throw new HttpError(404, 'NOT_FOUND', 'this server has no registry, so no rounds')
    let r = rounds.get(id)
    if (!r) {
      try {
        r = new Round(config.registry, id, config.policy)
      } catch (e) {
        if (e && e.code === 'CONFIG_INVALID') throw new HttpError(404, 'NOT_FOUND', `no round ${id}`)
        throw e
      }
      rounds.set(id, r)
    }
    return r
  }

  async function command(req, res, id) {
    const doc = await jsonBody(req)
    if (!doc || typeof doc.command !== 'object' || doc.command === null) {
      throw new HttpError(400, 'BAD_REQUEST', '`command` must be an object {actor, action, unit, data?}')
    }
    // the time is the server's, never the caller's
    const result = round(id).apply(doc.command, clock().toISOString())
    return send(res, result.accepted ? 200 : 409, result)
  }

  function pending(req, res, id) {
    const within = new URL(req.url ?? '/', 'http://localhost').searchParams.get('within') ?? undefined
    const at = clock().toISOString()
    // an unknown `within` unit is a TypeError from lec: a 400 below
    return send(res, 200, { at, pending: round(id).pending(at, within) })
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
    ['GET', /^\/rounds\/([0-9]{4}-[0-9])$/, (req, res, id) => send(res, 200, round(id).state)],
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
  return server
}

// `node server.mjs`: listen on 127.0.0.1:$PORT (default 8080), with the sample registry.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const registryPath = process.env.LEC_REGISTRY ?? fileURLToPath(new URL('../data/registry.csv', import.meta.url))
  const registry = Registry.fromFile(registryPath)
  const policy = process.env.LEC_POLICY ? Policy.fromFile(process.env.LEC_POLICY) : undefined
  const port = Number(process.env.PORT ?? 8080)
  createServer({ registry, policy }).listen(port, '127.0.0.1', () => {
    console.log(`lec example server on http://127.0.0.1:${port} (registry ${registryPath})`)
  })
}
