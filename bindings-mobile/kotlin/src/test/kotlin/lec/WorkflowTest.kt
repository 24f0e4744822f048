package lec

import java.time.Instant
import java.time.OffsetDateTime
import kotlin.test.Test
import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertTrue

/** The confirmation workflow through Kotlin: commands, rejections, the state, and the event log's round trip. */
class WorkflowTest {
    private val registry = Registry.fromCsv("registry.csv", Support.example("data/registry.csv").readBytes())
    private val calendar = RoundCalendar.builtin("2567-2")

    private fun at(text: String): Instant = OffsetDateTime.parse(text).toInstant()

    private fun cmd(level: Level, who: String, action: Action, unit: String, data: DataStatus? = null) =
        RoundCommand(Actor(level, who), action, unit, data)

    private fun accepted(round: Round, c: RoundCommand, time: String): List<RoundEvent> =
        assertIs<Outcome.Accepted>(round.apply(c, at(time)), "$c at $time").events

    private fun rejected(round: Round, c: RoundCommand, time: String): Outcome.Rejected {
        val before = round.toJson()
        val r = assertIs<Outcome.Rejected>(round.apply(c, at(time)), "$c at $time")
        assertEquals(before, round.toJson(), "a rejected command changes nothing")
        assertTrue(r.messageEn.isNotBlank() && r.messageTh.isNotBlank() && !r.messageEn.endsWith("."))
        return r
    }

    /** The SAO 06580102 with its child development centre 3058600001, confirmed bottom-up. */
    private fun story(): Round {
        val round = Round(registry, calendar)
        assertEquals("2567/2", round.id())
        val cdc = cmd(Level.INSTITUTION, "3058600001", Action.CONFIRM, "3058600001", DataStatus(35u, 0u))
        val events = accepted(round, cdc, "2024-11-05T10:00:00+07:00")
        assertEquals(1UL, events.single().seq)
        assertEquals("2024-11-05T10:00:00+07:00", events.single().at)
        assertEquals(false, events.single().previous.confirmed)
        accepted(round, cmd(Level.LAO, "06580102", Action.CONFIRM_HEADCOUNTS, "06580102", DataStatus(2u, 0u)), "2024-11-06T10:00:00+07:00")
        accepted(round, cmd(Level.LAO, "06580102", Action.CONFIRM, "06580102"), "2024-11-07T10:00:00+07:00")
        return round
    }

    @Test
    fun `commands are accepted or rejected with one code`() {
        val round = story()
        assertEquals(
            "WF_FORBIDDEN",
            rejected(round, cmd(Level.INSTITUTION, "3058600001", Action.CONFIRM, "3058200001"), "2024-11-08T10:00:00+07:00").code,
        )
        assertEquals(
            "WF_HAS_ERRORS",
            rejected(
                round, cmd(Level.INSTITUTION, "3058200001", Action.CONFIRM, "3058200001", DataStatus(10u, 2u)),
                "2024-11-08T10:00:00+07:00",
            ).code,
        )
        assertEquals(
            "WF_PARENT_CONFIRMED",
            rejected(round, cmd(Level.LAO, "06580102", Action.CANCEL, "3058600001"), "2024-11-08T11:00:00+07:00").code,
        )
        assertEquals(
            "WF_CHILDREN_PENDING",
            rejected(round, cmd(Level.PROVINCE, "58", Action.CONFIRM, "58"), "2024-11-12T16:00:00+07:00").code,
        )
        assertEquals(
            "WF_OUT_OF_ORDER",
            rejected(round, cmd(Level.PROVINCE, "58", Action.CANCEL, "06580102"), "2024-11-01T10:00:00+07:00").code,
        )
        val closed = rejected(
            round, cmd(Level.INSTITUTION, "3058200001", Action.CONFIRM, "3058200001", DataStatus(10u, 0u)),
            "2024-11-12T17:00:01+07:00",
        )
        assertEquals("WF_CLOSED", closed.code)
        assertContains(closed.messageTh, "12/11/2567 17:00")
        // the province cancels, the LAO may then cancel its centre
        accepted(round, cmd(Level.PROVINCE, "58", Action.CANCEL, "06580102"), "2024-11-08T12:00:00+07:00")
        accepted(round, cmd(Level.LAO, "06580102", Action.CANCEL, "3058600001"), "2024-11-08T12:05:00+07:00")

        val s = round.status()
        assertEquals("2567/2", s.round)
        assertEquals(false, s.institutions.getValue("3058600001").confirmed)
        assertEquals(DataStatus(35u, 0u), s.institutions.getValue("3058600001").data)
        assertEquals(false, s.laos.getValue("06580102").confirmed)
        assertEquals(true, s.headcounts.getValue("06580102").confirmed)
        assertEquals("2024-11-06T10:00:00+07:00", s.headcounts.getValue("06580102").confirmedAt)
        assertEquals(5UL, s.lastSeq)
        assertEquals(round.events().last().hash, s.lastHash)
    }

    @Test
    fun `the event log round-trips through JSON and refuses tampering`() {
        val round = story()
        val log = round.toJson()
        val events = round.events()
        assertEquals(events.map { it.json }, log.lines().filter { it.isNotBlank() })
        assertContains(round.stateJson(), "\"06580102\"")

        val again = Round.fromJson(registry, calendar, log)
        assertEquals(round.status(), again.status())
        assertEquals(events, again.events())
        // the rebuilt round goes on where the first stopped
        val next = cmd(Level.INSTITUTION, "3058200001", Action.CONFIRM, "3058200001", DataStatus(3u, 0u))
        assertEquals(4UL, accepted(again, next, "2024-11-09T10:00:00+07:00").single().seq)

        val tampered = log.replaceFirst("\"counted\":35", "\"counted\":36")
        val e = assertFailsWith<LecException.InvalidLog> { Round.fromJson(registry, calendar, tampered) }
        assertEquals("WF_LOG_BROKEN", e.code)
        assertEquals(0UL, e.index)
        assertEquals(ReplayProblem.TAMPERED, e.problem)
        val truncated = assertFailsWith<LecException.InvalidLog> { Round.fromJson(registry, calendar, log.dropLast(20)) }
        assertEquals(ReplayProblem.UNREADABLE, truncated.problem)
        assertEquals(2UL, truncated.index)
        val lines = log.lines().filter { it.isNotBlank() }
        val removed = assertFailsWith<LecException.InvalidLog> {
            Round.fromJson(registry, calendar, (listOf(lines[0]) + lines.drop(2)).joinToString("\n"))
        }
        assertEquals(ReplayProblem.SEQUENCE, removed.problem)
        // an empty log is a round with no events
        assertEquals(0UL, Round.fromJson(registry, calendar, "").status().lastSeq)
    }

    @Test
    fun `calendars and the workflow policy`() {
        assertEquals("2567/2", RoundCalendar.builtin("2567/2").id())
        assertEquals("CONFIG_INVALID", assertFailsWith<LecException.InvalidConfig> { RoundCalendar.builtin("2599-9") }.code)
        val own = RoundCalendar.fromJson(
            """{"academic_year":2568,"round":1,"opens":"2025-06-01","institution_deadline":"2025-06-20",
               "lao_deadline":"2025-06-20","province_deadline":"2025-06-21T17:00:00+07:00","closes":"2025-06-21T17:00:00+07:00"}""",
        )
        assertEquals("2568/1", own.id())
        assertFailsWith<LecException.InvalidConfig> {
            RoundCalendar.fromJson("""{"academic_year":2568,"round":1,"opens":"2025-07-01","institution_deadline":"2025-06-20",
               "lao_deadline":"2025-06-20","province_deadline":"2025-06-21","closes":"2025-06-21"}""")
        }
        // a province that does not wait for headcounts (policy), in a tiny registry
        val one = Registry.fromCsv(
            "one.csv",
            "level,code,name,parent,kind\nprovince,58,p,,\nlao,06580102,l,58,sao\ninstitution,3058600001,c,06580102,cdc\nother_school,1058100101,o,06580102,standard\n".toByteArray(),
        )
        fun runStory(policy: Policy?): Outcome {
            val round = Round(one, calendar, policy)
            accepted(round, cmd(Level.INSTITUTION, "3058600001", Action.CONFIRM, "3058600001", DataStatus(5u, 0u)), "2024-11-05T10:00:00+07:00")
            accepted(round, cmd(Level.LAO, "06580102", Action.CONFIRM, "06580102"), "2024-11-06T10:00:00+07:00")
            return round.apply(cmd(Level.PROVINCE, "58", Action.CONFIRM, "58"), at("2024-11-12T10:00:00+07:00"))
        }
        assertEquals("WF_CHILDREN_PENDING", assertIs<Outcome.Rejected>(runStory(null)).code)
        assertIs<Outcome.Accepted>(runStory(Policy.fromJson("""{"workflow": {"province_requires_headcounts": false}}""")))
    }

    @Test
    fun `the data status to confirm with comes from the records`() {
        val good = StudentRecord("3058200001", "1580100300018", "น้ำฝน", "ศรีสุข", "11/11/2563", "อ.1")
        val status = dataStatusByInstitution(
            listOf(good, good.copy(personId = "1580100300026", grade = "ป.9"), good.copy(personId = "1580100300034", status = "จำหน่าย")),
            2567u,
        )
        assertEquals(mapOf("3058200001" to DataStatus(1u, 1u)), status)
    }

    @Test
    fun `spot checks, officers and a headcount edit that withdraws the province`() {
        val round = story()
        val check = SpotCheck(2567UL, CheckResult.ISSUES, "two records without a birth date")
        val spot = RoundCommand(Actor(Level.PROVINCE, "58"), Action.SPOT_CHECK, "3058600001", officer = "P58-0007", check = check)
        val e = accepted(round, spot, "2024-11-08T09:00:00+07:00").single()
        assertEquals("P5xxxx07", e.officer, "masked")
        assertContains(e.json, "\"officer\":\"P58-0007\"")
        assertEquals(check, e.check)
        assertEquals(CheckResult.ISSUES, round.status().spotChecks.getValue("3058600001").check.result)
        assertEquals(
            "WF_CHECK_MISSING",
            rejected(round, cmd(Level.PROVINCE, "58", Action.SPOT_CHECK, "3058600001"), "2024-11-08T09:10:00+07:00").code,
        )
        assertEquals(
            "WF_NOTHING_TO_CONFIRM",
            rejected(round, cmd(Level.LAO, "04580101", Action.CONFIRM_HEADCOUNTS, "04580101"), "2024-11-08T09:20:00+07:00").code,
        )
        // §4.2(4): the LAO edits its confirmed headcounts: its headcount confirmation is withdrawn
        val edit = accepted(round, cmd(Level.LAO, "06580102", Action.EDIT, "06580102", DataStatus(2u, 0u)), "2024-11-08T10:00:00+07:00")
        assertEquals(listOf(Action.EDIT), edit.map { it.action })
        assertEquals(false, round.status().headcounts.getValue("06580102").confirmed)
        assertEquals(round.status(), Round.fromJson(registry, calendar, round.toJson()).status())
    }
}
