package lec

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

/**
 * The shared test vectors (the JSON files of `test-vectors/`): the same files and the same verdicts as the
 * Rust tests (`lec-core/tests/vectors.rs`), through the generated Kotlin and the built library.
 */
class VectorsTest {
    @Test
    fun `ids json - checkId, parseId and validateIds give the vectors' verdicts`() {
        val doc = Support.vectors("ids.json")
        assertEquals("default", doc.getString("policy"))
        val year = doc.getInt("academic_year").toUShort()
        val vectors = doc.getJSONArray("vectors").objects()
        assertTrue(vectors.size > 30, "ids.json has ${vectors.size} vectors")
        val firstErrors = mutableListOf<String?>()
        for (v in vectors) {
            val input = v.getString("input")
            val check = checkId(input, year)
            assertEquals(v.getJSONArray("codes").strings(), check.findings.map { it.code }, "codes of `$input`")
            assertEquals(v.getBoolean("valid"), check.valid, "valid of `$input`")
            val id = check.id
            assertEquals(v.str("kind"), id?.kind?.name?.lowercase(), "kind of `$input`")
            assertEquals(v.str("normalized"), id?.normalized, "normalized of `$input`")
            assertEquals(v.str("masked"), id?.masked, "masked of `$input`")
            assertEquals(v.int("category"), id?.category?.toInt(), "category of `$input`")
            assertEquals(v.str("province_code"), id?.provinceCode, "province of `$input`")
            assertEquals(v.int("gcode_year"), id?.gcodeYear?.toInt(), "G-code year of `$input`")
            if (id != null) {
                assertEquals(id, parseId(input), "parseId of `$input`")
            } else {
                val e = assertFailsWith<LecException.InvalidId>("parseId of `$input`") { parseId(input) }
                assertEquals(check.findings.first().code, e.code, "parseId code of `$input`")
            }
            firstErrors += check.findings.firstOrNull { it.severity == Severity.ERROR }?.code
        }
        // the batch path agrees with the full check, input by input
        assertEquals(firstErrors, validateIds(vectors.map { it.getString("input") }, year))
    }

    @Test
    fun `grades json - parseGrade reads every label or throws GRADE_UNKNOWN`() {
        val vectors = Support.vectors("grades.json").getJSONArray("vectors").objects()
        assertTrue(vectors.size > 20)
        for (v in vectors) {
            val input = v.getString("input")
            when (val code = v.str("code")) {
                null -> assertEquals("GRADE_UNKNOWN", assertFailsWith<LecException.InvalidGrade>(input) { parseGrade(input) }.code)
                else -> assertEquals(code, parseGrade(input).code, "grade `$input`")
            }
        }
    }

    @Test
    fun `dates json - parseThaiDate reads dates and eras or throws BIRTHDATE_INVALID`() {
        val vectors = Support.vectors("dates.json").getJSONArray("vectors").objects()
        assertTrue(vectors.size > 15)
        for (v in vectors) {
            val input = v.getString("input")
            when (val date = v.str("date")) {
                null -> assertEquals(
                    "BIRTHDATE_INVALID",
                    assertFailsWith<LecException.InvalidDate>(input) { parseThaiDate(input) }.code,
                )
                else -> {
                    val d = parseThaiDate(input)
                    assertEquals(date, d.iso, "date `$input`")
                    assertEquals(v.getString("era"), d.era.name.lowercase(), "era of `$input`")
                }
            }
        }
    }

    @Test
    fun `codes json - LAO and institution codes`() {
        val doc = Support.vectors("codes.json")
        for (v in doc.getJSONArray("lao").objects()) {
            val input = v.getString("input")
            when (val error = v.str("error")) {
                null -> {
                    val c = parseLaoCode(input)
                    assertEquals(v.str("login"), c.login, "login of `$input`")
                    assertEquals(v.str("kind"), c.kind.name.lowercase(), "kind of `$input`")
                    assertEquals(v.int("province"), c.province.toInt(), "province of `$input`")
                }
                else -> assertEquals(error, assertFailsWith<LecException.InvalidCode>(input) { parseLaoCode(input) }.code)
            }
        }
        for (v in doc.getJSONArray("institution").objects()) {
            val input = v.getString("input")
            when (val error = v.str("error")) {
                null -> {
                    val c = parseInstitutionCode(input)
                    val cls = if (c.kind == InstitutionKind.CHILD_DEVELOPMENT_CENTRE) "cdc" else "school_or_college"
                    assertEquals(v.str("class"), cls, "class of `$input`")
                    assertEquals(v.str("owner"), c.owner.name.lowercase(), "owner of `$input`")
                    assertEquals(v.int("province"), c.province.toInt(), "province of `$input`")
                }
                else -> assertEquals(
                    error,
                    assertFailsWith<LecException.InvalidCode>(input) { parseInstitutionCode(input) }.code,
                )
            }
        }
    }

    @Test
    fun `records json - the record rules that depend on status and policy`() {
        val doc = Support.vectors("records.json")
        val year = doc.getInt("academic_year").toUShort()
        val vectors = doc.getJSONArray("vectors").objects()
        assertTrue(vectors.size >= 15, "records.json has ${vectors.size} vectors")
        for (v in vectors) {
            val r = v.getJSONObject("record")
            val record = StudentRecord(
                institutionCode = r.getString("institution_code"), personId = r.getString("person_id"),
                firstName = r.getString("first_name"), lastName = r.getString("last_name"),
                birthDate = r.getString("birth_date"), grade = r.getString("grade"), status = r.str("status"),
            )
            val policy = Policy.fromJson(v.getJSONObject("policy").toString())
            val check = validateRecord(record, year, policy)
            assertEquals(v.getJSONArray("codes").strings(), check.findings.map { it.code }, v.getString("note"))
        }
    }
}
