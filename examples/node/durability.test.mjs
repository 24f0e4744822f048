// The server as a real host survives `kill -9`: 50 concurrent clients send commands, the server
// is killed mid-stream, restarted on the same data folder, and every command it answered 200 is
// in the state rebuilt from its log (the log replays through `Round.fromEvents`).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { rmSync } from 'node:fs'
import { client, events, lost, setup, startServer, LAOS } from './harness.mjs'

test('kill -9 mid-stream loses no command answered 200', async () => {
  const env = setup()
  try {
    const first = await startServer(env)
    const answered = []
    const statuses = new Map()
    let stopped = false
    const exited = once(first.child, 'exit')
    const seen = ({ status, body }) => {
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
      if (status === 200) answered.push(...body.events)
      // kill the moment enough commands were answered, while the clients keep sending: an
      // answer that ran ahead of its write would be lost
      if (answered.length >= 300 && first.child.exitCode === null && !first.child.killed) first.child.kill('SIGKILL')
    }
    const clients = Array.from({ length: 50 }, (_, i) => client(i, first.url, env.tokens, () => stopped, seen))
    const timer = setTimeout(() => first.child.kill('SIGKILL'), 30_000)
    await exited
    clearTimeout(timer)
    stopped = true
    await Promise.all(clients)
    assert.ok(answered.length >= 300, `only ${answered.length} events answered: ${[...statuses]}`)
    assert.ok(![...statuses.keys()].some((s) => s >= 500), `5xx answers: ${[...statuses]}`)

    const second = await startServer(env)
    try {
      const rebuilt = await events(second.url, env.tokens[LAOS[0]])
      assert.deepEqual(lost(answered, rebuilt), [], 'events answered 200 but not in the rebuilt log')
      assert.ok(rebuilt.length >= answered.length)
      assert.deepEqual(rebuilt.map((e) => e.seq), rebuilt.map((_, i) => i + 1))
      // and the rebuilt round goes on where it stopped
      const more = []
      let done = false
      await client(0, second.url, env.tokens, () => done || more.length >= 2, ({ status, body }) => {
        if (status === 200) more.push(...body.events)
        if (more.length >= 2) done = true
      })
      assert.equal(more[0].seq, rebuilt.length + 1)
      assert.equal(more[0].prev_hash, rebuilt.at(-1).hash)
    } finally {
      second.child.kill('SIGTERM')
    }
  } finally {
    rmSync(env.dir, { recursive: true, force: true })
  }
})
