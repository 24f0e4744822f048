// Load benchmark of the server as a host (`cargo xtask bench server`, or `node load.mjs [SECONDS]
// [CLIENTS]`): `node server.mjs` with a data folder (each answer fsynced), 50 clients sending
// commands as fast as they are answered for 10 s; then commands/s, the latency percentiles,
// the answers by status, and — after a restart on the same folder — how many commands answered
// 200 the rebuilt log lacks. Exits 1 on any 5xx or any lost command.
import { once } from 'node:events'
import { rmSync } from 'node:fs'
import { client, events, lost, percentile, setup, startServer, LAOS } from './harness.mjs'

const seconds = Number(process.argv[2] ?? 10)
const clients = Number(process.argv[3] ?? 50)
const env = setup()
let failed = false
try {
  const server = await startServer(env)
  const answered = []
  const latencies = []
  const statuses = new Map()
  const seen = ({ status, body, ms }) => {
    latencies.push(ms)
    statuses.set(status, (statuses.get(status) ?? 0) + 1)
    if (status === 200) answered.push(...body.events)
  }
  const started = performance.now()
  const end = started + seconds * 1000
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i, server.url, env.tokens, () => performance.now() > end, seen)))
  const elapsed = (performance.now() - started) / 1000
  server.child.kill('SIGTERM')
  await once(server.child, 'exit')

  const again = await startServer(env)
  const rebuilt = await events(again.url, env.tokens[LAOS[0]])
  again.child.kill('SIGTERM')
  const missing = lost(answered, rebuilt)
  const errors = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0)
  const total = latencies.length
  console.log(`node ${process.version}, ${clients} clients, ${elapsed.toFixed(1)} s, every accepted command fsynced before its answer`)
  console.log(`commands: ${total} (${(total / elapsed).toFixed(0)}/s); answers by status: ${[...statuses].sort().map(([s, c]) => `${s}: ${c}`).join(', ')}`)
  console.log(`latency ms: p50 ${percentile(latencies, 50).toFixed(2)}, p90 ${percentile(latencies, 90).toFixed(2)}, p99 ${percentile(latencies, 99).toFixed(2)}, max ${percentile(latencies, 100).toFixed(2)}`)
  console.log(`events answered 200: ${answered.length}; in the rebuilt log: ${rebuilt.length}; lost: ${missing.length}; 5xx: ${errors}`)
  failed = missing.length > 0 || errors > 0 || total === 0
} finally {
  rmSync(env.dir, { recursive: true, force: true })
}
process.exit(failed ? 1 : 0)
