package lec

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

/** A panic inside the library reaches Kotlin as an exception; the process and the library go on. */
class PanicTest {
    @Test
    fun `a panic becomes an exception and the library keeps working`() {
        val e = assertFailsWith<InternalException> { debugPanicForTests() }
        assertTrue(e.message.orEmpty().contains("deliberate panic"), e.message)
        // the same process, the same library: still answering
        assertEquals("1-2345-xxxxx-xx-1", parseId("1234545678781").masked)
        assertFailsWith<InternalException> { debugPanicForTests() }
        assertEquals(listOf(null, "ID_CHECKSUM"), validateIds(listOf("1234545678781", "1234545678782"), 2567u))
    }
}
