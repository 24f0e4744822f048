package lec

import com.sun.jna.Native

/**
 * `cargo xtask bench mobile`: the binding's throughput from Kotlin on the JVM (JNA), against the
 * release library. Not a test: a program (`mvn test-compile exec:java -Dexec.mainClass=lec.BenchKt`).
 * Inputs are the shared ID vectors, cycled (valid IDs, typos, Thai digits, G-codes).
 */
fun main() {
    val inputs = Support.vectors("ids.json").getJSONArray("vectors").objects().map { it.getString("input") }
    val batch = List(100_000) { inputs[it % inputs.size] }
    val record = StudentRecord("3058200001", "1580100300018", "น้ำฝน", "ศรีสุข", "11/11/2563", "อ.1", sex = "หญิง")
    println("java ${System.getProperty("java.version")}, JNA ${Native.VERSION}, library ${System.getProperty("jna.library.path")}")

    // warm-up: JIT and JNA
    repeat(3) { validateIds(batch, Support.YEAR) }
    repeat(20_000) { runCatching { parseId(inputs[it % inputs.size]) } }
    repeat(5_000) { validateRecord(record, Support.YEAR) }

    report("validateIds (one call, 100,000 IDs)", batch.size, "IDs") { repeat(5) { validateIds(batch, Support.YEAR) } }
    report("parseId (one call per ID)", 100_000, "calls") {
        for (i in 0 until 100_000) runCatching { parseId(inputs[i % inputs.size]) }
    }
    report("checkId (one call per ID, findings in Thai and English)", 100_000, "calls") {
        for (i in 0 until 100_000) checkId(inputs[i % inputs.size], Support.YEAR)
    }
    report("validateRecord (one call per record)", 20_000, "records") {
        for (i in 0 until 20_000) validateRecord(record, Support.YEAR)
    }
}

/** Runs `body` (which does `perRound` operations, or 5 × for validateIds) and prints the best of 5 rounds. */
private fun report(what: String, perRound: Int, unit: String, body: () -> Unit) {
    val factor = if (what.startsWith("validateIds")) 5 else 1
    val best = (1..5).minOf {
        val t0 = System.nanoTime()
        body()
        System.nanoTime() - t0
    }
    val rate = perRound.toDouble() * factor / (best / 1e9)
    println("%-60s %12.0f %s/s  (best of 5, %.1f ms per round)".format(what, rate, unit, best / 1e6))
}
