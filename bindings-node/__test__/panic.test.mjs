// No panic reaches a caller: lec-core never panics, and the hidden hooks that make it panic on
// purpose show that if it ever did, the call would throw (or the promise reject) and Node would
// carry on.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import lec, { parseId } from 'lec'

test('a panic in a synchronous call is an exception, and Node carries on', () => {
  assert.throws(() => lec._debugPanic(), (e) => e instanceof Error && /deliberate panic/.test(e.message))
  assert.equal(parseId('1101400123451').kind, 'citizen')
})

test('a panic on a worker thread rejects the promise, and Node carries on', async () => {
  await assert.rejects(lec._debugPanicAsync(), (e) => e instanceof Error && /internal error in lec.*deliberate panic/.test(e.message))
  assert.equal(parseId('1101400123451').kind, 'citizen')
})
