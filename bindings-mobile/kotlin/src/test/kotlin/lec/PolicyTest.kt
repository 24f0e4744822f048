package lec

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertNotEquals

/** `Policy`: the default, loading from JSON, and that a loaded policy changes verdicts. */
class PolicyTest {
    @Test
    fun `an empty JSON object is the default policy`() {
        Policy().use { default ->
            assertEquals(default, Policy.fromJson("{}"))
            assertNotEquals(default, Policy.fromJson("""{"reserved_category_9": "error"}"""))
        }
    }

    @Test
    fun `keys set to their default values give the default policy`() {
        val p = Policy.fromJson("""{"cdc_min_age_years": 2, "gcode_first_year_be": 2561}""")
        assertEquals(Policy(), p)
    }

    @Test
    fun `a policy raises a warning to an error`() {
        val ids = listOf("9580100012344", "1101400123451", "1234545678782")
        assertEquals(listOf(null, null, "ID_CHECKSUM"), validateIds(ids, 2567u))
        val strict = Policy.fromJson("""{"reserved_category_9": "error"}""")
        assertEquals(listOf("ID_RESERVED_CATEGORY", null, "ID_CHECKSUM"), validateIds(ids, 2567u, strict))
        val check = checkId("9580100012344", 2567u, strict)
        assertEquals(false, check.valid)
        assertEquals(Severity.ERROR, check.findings.single().severity)
        // turned off: no finding at all
        val off = Policy.fromJson("""{"reserved_category_9": "off"}""")
        assertEquals(emptyList(), checkId("9580100012344", 2567u, off).findings)
    }

    @Test
    fun `a policy changes the child development centre's age criterion`() {
        // born 1 Jan 2565: 2 full years on 16 May 2567; newly transferring in (§4.3.2(1))
        val child = StudentRecord("3058600001", "1580100300018", "ใหม่", "มาไกล", "01/01/2565", "ศพด.", status = "ย้ายเข้า")
        assertEquals(RecordStatus.COUNTED, validateRecord(child, 2567u).status)
        val older = Policy.fromJson("""{"cdc_min_age_years": 3}""")
        val r = validateRecord(child, 2567u, older)
        assertEquals(listOf("AGE_CDC_CRITERION"), r.findings.map { it.code })
        assertEquals(RecordStatus.HAS_ERRORS, r.status)
        // a child already enrolled is not judged by it, unless the scope is `all`
        val enrolled = child.copy(status = "ปกติ")
        assertEquals(RecordStatus.COUNTED, validateRecord(enrolled, 2567u, older).status)
        val every = Policy.fromJson("""{"cdc_min_age_years": 3, "cdc_age_criterion_scope": "all"}""")
        assertEquals(listOf("AGE_CDC_CRITERION"), validateRecord(enrolled, 2567u, every).findings.map { it.code })
    }

    @Test
    fun `the G-code year range is a policy`() {
        assertEquals(listOf("GCODE_YEAR"), checkId("G604200000001", 2567u).findings.map { it.code })
        val early = Policy.fromJson("""{"gcode_first_year_be": 2550}""")
        assertEquals(emptyList(), checkId("G604200000001", 2567u, early).findings)
    }
}
