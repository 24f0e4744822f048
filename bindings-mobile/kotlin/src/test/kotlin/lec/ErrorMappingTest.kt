package lec

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertTrue

/**
 * Every core error family (`lec_core::ErrorKind`) reaches Kotlin as its own `LecException`
 * subclass, with the core's code and messages, from a real call that fails that way.
 */
class ErrorMappingTest {
    /**
     * The core's name of each kind. A `when` with no `else`: it stops compiling when the
     * generated sealed class gains or loses a subclass.
     */
    private fun kindOf(e: LecException): String = when (e) {
        is LecException.InvalidId -> "invalid_id"
        is LecException.InvalidCode -> "invalid_code"
        is LecException.InvalidDate -> "invalid_date"
        is LecException.InvalidGrade -> "invalid_grade"
        is LecException.InvalidConfig -> "invalid_config"
        is LecException.File -> "file"
        is LecException.InvalidLog -> "invalid_log"
    }

    private fun codeOf(e: LecException): String = when (e) {
        is LecException.InvalidId -> e.code
        is LecException.InvalidCode -> e.code
        is LecException.InvalidDate -> e.code
        is LecException.InvalidGrade -> e.code
        is LecException.InvalidConfig -> e.code
        is LecException.File -> e.code
        is LecException.InvalidLog -> e.code
    }

    private fun detailEnOf(e: LecException): String = when (e) {
        is LecException.InvalidId -> e.detailEn
        is LecException.InvalidCode -> e.detailEn
        is LecException.InvalidDate -> e.detailEn
        is LecException.InvalidGrade -> e.detailEn
        is LecException.InvalidConfig -> e.detailEn
        is LecException.File -> e.detailEn
        is LecException.InvalidLog -> e.detailEn
    }

    private fun detailThOf(e: LecException): String = when (e) {
        is LecException.InvalidId -> e.detailTh
        is LecException.InvalidCode -> e.detailTh
        is LecException.InvalidDate -> e.detailTh
        is LecException.InvalidGrade -> e.detailTh
        is LecException.InvalidConfig -> e.detailTh
        is LecException.File -> e.detailTh
        is LecException.InvalidLog -> e.detailTh
    }

    /** One failing call per kind: (kind, code, call). */
    private val cases: List<Triple<String, String, () -> Unit>> = listOf(
        Triple("invalid_id", "ID_CHECKSUM", { parseId("1-2345-45678-78-2") }),
        Triple("invalid_code", "INSTITUTION_CODE_FORMAT", { parseInstitutionCode("3058900001") }),
        Triple("invalid_date", "BIRTHDATE_INVALID", { parseThaiDate("31/02/2561") }),
        Triple("invalid_grade", "GRADE_UNKNOWN", { parseGrade("ป.7") }),
        Triple("invalid_config", "CONFIG_INVALID", { Policy.fromJson("""{"cdc_minimum": 3}""") }),
        Triple("file", "FILE_UNREADABLE", { Registry.fromCsv("units.xlsx", byteArrayOf(0x50, 0x4B, 0x03, 0x04, 0, 0)) }),
        Triple("invalid_log", "WF_LOG_BROKEN", {
            val registry = Registry.fromCsv("units.csv", "level,code,name,parent,kind\nprovince,58,แม่ฮ่องสอน,,\n".toByteArray())
            Round.fromJson(registry, RoundCalendar.builtin("2567-2"), "not an event")
        }),
    )

    @Test
    fun `each kind maps to its own subclass with the core's code and messages`() {
        for ((kind, code, call) in cases) {
            val e = assertFailsWith<LecException>(kind) { call() }
            assertIs<Exception>(e)
            assertEquals(kind, kindOf(e), "subclass for $kind")
            assertEquals(code, codeOf(e), "code for $kind")
            assertTrue(detailEnOf(e).isNotBlank() && detailThOf(e).isNotBlank(), "messages for $kind")
            assertFalse(detailEnOf(e).endsWith("."), "no trailing period: ${detailEnOf(e)}")
            assertTrue(detailEnOf(e).first().let { !it.isUpperCase() }, "lower-case start: ${detailEnOf(e)}")
            assertTrue(e.message.orEmpty().contains(code), "the exception message names the code: ${e.message}")
        }
        // the seven kinds of the core, each once
        assertEquals(
            setOf("invalid_id", "invalid_code", "invalid_date", "invalid_grade", "invalid_config", "file", "invalid_log"),
            cases.map { it.first }.toSet(),
        )
    }

    @Test
    fun `other codes of the same families`() {
        assertEquals("ID_EMPTY", assertFailsWith<LecException.InvalidId> { parseId("  ") }.code)
        assertEquals("ID_LEADING_ZERO_LOST", assertFailsWith<LecException.InvalidId> { parseId("580100012341") }.code)
        assertEquals("ID_EXCEL_MANGLED", assertFailsWith<LecException.InvalidId> { parseId("1.11014E+12") }.code)
        assertEquals("LAO_CODE_FORMAT", assertFailsWith<LecException.InvalidCode> { parseLaoCode("07580101") }.code)
        assertEquals("PROVINCE_UNKNOWN", assertFailsWith<LecException.InvalidCode> { parseLaoCode("06990101") }.code)
        val record = StudentRecord("3058200001", "1580100300018", "น้ำฝน", "ศรีสุข", "11/11/2563", "อ.1")
        assertEquals(
            "BIRTHDATE_INVALID",
            assertFailsWith<LecException.InvalidDate> { validateRecord(record, 2567u, asOf = "someday") }.code,
        )
        assertEquals(
            "CONFIG_INVALID",
            assertFailsWith<LecException.InvalidConfig> {
                Policy.fromJson("""{"age_reference_month": 2, "age_reference_day": 30}""")
            }.code,
        )
        assertEquals(
            "FILE_COLUMN_MISSING",
            assertFailsWith<LecException.File> { Registry.fromCsv("units.csv", "level,code,name\n".toByteArray()) }.code,
        )
    }

    @Test
    fun `errors mask the personal ID they refuse`() {
        val e = assertFailsWith<LecException.InvalidId> { parseId("1234545678782") }
        assertTrue(e.detailEn.contains("`1-2345-xxxxx-xx-2`"), e.detailEn)
        assertFalse(e.detailEn.contains("1234545678782") || e.detailTh.contains("1234545678782"))
        assertFalse(e.message.contains("1234545678782"))
    }

    @Test
    fun `no input makes the library fail other than with a LecException`() {
        val odd = listOf(
            "", " ", "\u0000", "G", "g", "-", "๑", "1".repeat(10_000), "G".repeat(13), "٣١٠٠٦٠٠٤٤٥٦٣٥",
            "1e400", "NaN", "99/99/9999", "0/0/0", "ป.", "อ.0", "3".repeat(10), "\u200B1101400123451",
        )
        for (text in odd) {
            for (call in listOf<() -> Any>(
                { parseId(text) }, { parseGrade(text) }, { parseThaiDate(text) }, { parseLaoCode(text) },
                { parseInstitutionCode(text) }, { Policy.fromJson(text) },
                { Registry.fromCsv(text, text.toByteArray()) },
            )) {
                try {
                    call()
                } catch (e: LecException) {
                    // refused with a code: fine
                }
            }
            checkId(text, 2567u)
            validateIds(listOf(text), 2567u)
            validateRecord(StudentRecord(text, text, text, text, text, text, text, text, text, text, text), 2567u)
        }
        // A lone surrogate is not Unicode text: the generated Kotlin refuses to encode it before
        // the call reaches the library (a CharacterCodingException, not a LecException).
        assertFailsWith<java.nio.charset.CharacterCodingException> { parseId("\uD800") }
    }
}
