package lec

import lec.example.ClassroomCheck
import lec.example.SaveVerdict
import lec.example.explain
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** `examples/kotlin/ClassroomCheck.kt` (compiled with the tests): the example does what it says. */
class ExampleTest {
    private val pupil = StudentRecord("3058200001", "1580100300018", "น้ำฝน", "ศรีสุข", "11/11/2563", "อ.1", sex = "หญิง")

    @Test
    fun `the example's classroom checks`() {
        ClassroomCheck(null, 2567u).use { check ->
            assertNull(check.idHint(""))
            assertNull(check.idHint("1-5801-00300-01-8"))
            assertTrue(check.idHint("1-5801-00300-01-9")!!.contains("หลักตรวจสอบ"))
            assertEquals(mapOf(2 to "ID_CHECKSUM", 3 to "ID_FORMAT"), check.invalidRows(listOf("1580100300018", "1580100300019", "158")))
            assertEquals(SaveVerdict.Save, check.beforeSave(pupil))
            assertIs<SaveVerdict.Confirm>(check.beforeSave(pupil.copy(sex = "?")))
            assertIs<SaveVerdict.Confirm>(check.beforeSave(pupil.copy(status = "จำหน่าย")))
            val refused = assertIs<SaveVerdict.Refuse>(check.beforeSave(pupil.copy(grade = "ป.9")))
            assertEquals(1, refused.messages.size)
        }
        ClassroomCheck("""{"reserved_category_9": "error"}""", 2567u, thai = false).use { strict ->
            assertTrue(strict.idHint("9580100012344")!!.startsWith("personal ID"))
        }
        val e = assertFailsWith<LecException> { ClassroomCheck("""{"no_such_rule": 1}""", 2567u) }
        assertTrue(explain(e, thai = false).startsWith("cannot read the policy"), explain(e, thai = false))
    }
}
