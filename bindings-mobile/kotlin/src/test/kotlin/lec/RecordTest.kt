package lec

import kotlin.test.Test
import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** `validateRecord`: the record rules through Kotlin, with and without a registry. */
class RecordTest {
    private val registry: Registry by lazy {
        Registry.fromCsv("registry.csv", Support.example("data/registry.csv").readBytes())
    }

    /** A current pupil of a municipal school: no finding at all. */
    private val good = StudentRecord(
        institutionCode = "3058200001",
        personId = "1580100300018",
        firstName = "น้ำฝน",
        lastName = "ศรีสุข",
        birthDate = "11/11/2563",
        grade = "อ.1",
        prefix = "เด็กหญิง",
        sex = "หญิง",
        room = "1",
        nationality = "ไทย",
        status = "ปกติ",
    )

    @Test
    fun `a sound record is counted and says what it read`() {
        val r = validateRecord(good, 2567u, registry = registry)
        assertEquals(RecordStatus.COUNTED, r.status)
        assertEquals(emptyList(), r.findings)
        assertEquals("1580100300018", r.person?.normalized)
        assertEquals("3058200001", r.institutionCode)
        assertEquals("K1", r.grade)
        assertEquals("2020-11-11", r.birthDate)
    }

    /**
     * `examples/data/students.csv` shows every record finding once; checked record by record
     * (duplicates need the whole data set, `FILE_ROW_SHAPE` the file reader), each row gets the
     * verdict `lec validate --registry examples/data/registry.csv` gives it.
     */
    @Test
    fun `the sample file's records get the CLI's verdicts`() {
        val expected = mapOf(
            2 to listOf(), 3 to listOf(), 4 to listOf("ID_CHECKSUM"), 5 to listOf("ID_EMPTY"),
            6 to listOf("ID_FORMAT"), 7 to listOf("ID_LEADING_ZERO_LOST"), 8 to listOf("ID_EXCEL_MANGLED"),
            9 to listOf("ID_DUMMY"), 10 to listOf("ID_RESERVED_CATEGORY"), 11 to listOf("ID_THAI_DIGITS"),
            12 to listOf("ID_UNKNOWN_REGISTRY"), 13 to listOf("GCODE_YEAR"), 14 to listOf("GCODE_PROVINCE"),
            15 to listOf(), 16 to listOf(), 17 to listOf("PROVINCE_UNKNOWN"), 18 to listOf("INSTITUTION_CODE_FORMAT"),
            19 to listOf("INSTITUTION_NOT_REGISTERED"), 20 to listOf("GRADE_UNKNOWN"), 21 to listOf("GRADE_NOT_OFFERED"),
            22 to listOf("BIRTHDATE_INVALID"), 23 to listOf("BIRTHDATE_ERA_SUSPECT"), 24 to listOf("BIRTHDATE_FUTURE"),
            25 to listOf("AGE_CDC_CRITERION"), 26 to listOf("AGE_GRADE_UNUSUAL"), 27 to listOf("NAME_MISSING"),
            28 to listOf("FIELD_THAI_DIGITS"), 29 to listOf("SEX_UNKNOWN"), 30 to listOf("STATUS_UNKNOWN"),
            31 to listOf("RECORD_REMOVED"), 33 to listOf(), 34 to listOf(),
        )
        val lines = Support.example("data/students.csv").readLines(Charsets.UTF_8)
        val header = lines.first().split(',')
        val seen = mutableMapOf<Int, List<String>>()
        for ((i, line) in lines.withIndex().drop(1)) {
            val cells = line.split(',')
            if (line.isBlank() || cells.size != header.size) continue // the reader's business
            val cell = { name: String -> cells[header.indexOf(name)] }
            val record = StudentRecord(
                institutionCode = cell("institution_code"), personId = cell("person_id"),
                firstName = cell("first_name"), lastName = cell("last_name"), birthDate = cell("birth_date"),
                grade = cell("grade"), prefix = cell("prefix"), sex = cell("sex"), room = cell("room"),
                nationality = cell("nationality"), status = cell("status"),
            )
            val r = validateRecord(record, 2567u, registry = registry)
            val codes = r.findings.map { it.code }
            seen[i + 1] = codes
            val status = when {
                "RECORD_REMOVED" in codes -> RecordStatus.REMOVED
                r.findings.any { it.severity == Severity.ERROR } -> RecordStatus.HAS_ERRORS
                else -> RecordStatus.COUNTED
            }
            assertEquals(status, r.status, "status of row ${i + 1}")
        }
        assertEquals(expected, seen)
    }

    @Test
    fun `findings carry severity, column, masked value and both languages`() {
        val r = validateRecord(good.copy(personId = "1-5801-00300-01-9"), 2567u)
        assertEquals(RecordStatus.HAS_ERRORS, r.status)
        val f = r.findings.single()
        assertEquals("ID_CHECKSUM", f.code)
        assertEquals(Severity.ERROR, f.severity)
        assertEquals("person_id", f.column)
        assertEquals("1-5801-xxxxx-xx-9", f.value)
        assertContains(f.messageEn, "`1-5801-xxxxx-xx-9`")
        assertContains(f.messageTh, "`1-5801-xxxxx-xx-9`")
        assertNull(r.person)
        // unmasked only on request
        val open = validateRecord(good.copy(personId = "1-5801-00300-01-9"), 2567u, unmasked = true)
        assertEquals("1-5801-00300-01-9", open.findings.single().value)
    }

    @Test
    fun `toString never shows a personal ID`() {
        val s = good.toString()
        assertFalse("1580100300018" in s, s)
        assertContains(s, "1-5801-xxxxx-xx-8")
        val id = parseId("1580100300018")
        assertEquals("1-5801-xxxxx-xx-8", id.toString())
        // a result prints its person with the masked form too
        val result = validateRecord(good, 2567u).toString()
        assertFalse("1580100300018" in result, result)
        assertContains(result, "1-5801-xxxxx-xx-8")
    }

    @Test
    fun `a removed record is reported and never counted`() {
        val r = validateRecord(good.copy(status = "จำหน่าย", birthDate = "not a date"), 2567u)
        assertEquals(RecordStatus.REMOVED, r.status)
        assertEquals(listOf("RECORD_REMOVED"), r.findings.map { it.code })
        assertEquals(Severity.INFO, r.findings.single().severity)
    }

    @Test
    fun `the registry decides the institution kind and whether it exists`() {
        assertEquals(emptyList(), registry.findings())
        assertEquals(6UL, registry.institutionCount())
        // 3058100002 is registered as a college: kindergarten is not taught there
        val college = validateRecord(good.copy(institutionCode = "3058100002"), 2567u, registry = registry)
        assertEquals(listOf("GRADE_NOT_OFFERED"), college.findings.map { it.code })
        // without a registry, digit 1 only says "school or college"
        assertEquals(RecordStatus.COUNTED, validateRecord(good.copy(institutionCode = "3058100002"), 2567u).status)
        val unknown = validateRecord(good.copy(institutionCode = "3058200099"), 2567u, registry = registry)
        assertEquals(listOf("INSTITUTION_NOT_REGISTERED"), unknown.findings.map { it.code })
    }

    @Test
    fun `the reference date can be set`() {
        val r = validateRecord(good, 2567u, asOf = "1 ม.ค. 2563")
        assertEquals(listOf("BIRTHDATE_FUTURE"), r.findings.map { it.code })
        assertTrue(r.findings.single().messageEn.contains("01/01/2563"), r.findings.single().messageEn)
    }
}
