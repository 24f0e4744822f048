package lec

import org.json.JSONArray
import org.json.JSONObject
import java.io.File

/** Paths the tests need, passed in by Surefire (see pom.xml), and small JSON helpers. */
object Support {
    /** The repository root (`lec.repo.dir`). */
    val repo: File by lazy {
        val dir = System.getProperty("lec.repo.dir")
        require(!dir.isNullOrBlank()) { "system property `lec.repo.dir` is not set: run through Maven (see pom.xml)" }
        File(dir).canonicalFile
    }

    /** The academic year the shared ID vectors are written for. */
    const val YEAR: UShort = 2567u

    init {
        val dir = System.getProperty("jna.library.path")
        val lib = System.mapLibraryName("lec_mobile")
        require(!dir.isNullOrBlank() && File(dir, lib).isFile) {
            "`$lib` not found in `jna.library.path` (`$dir`): build it with `cargo build -p lec-mobile` and pass " +
                "-Dlec.native.dir=<cargo target dir>/debug (`cargo xtask test` does both)"
        }
    }

    /** A shared test vector file, `test-vectors/<name>`. */
    fun vectors(name: String): JSONObject = JSONObject(File(repo, "test-vectors/$name").readText(Charsets.UTF_8))

    /** A file of the repository's examples. */
    fun example(path: String): File = File(repo, "examples/$path")
}

/** The string at `key`, or null when the JSON value is null. */
fun JSONObject.str(key: String): String? = if (isNull(key)) null else getString(key)

/** The integer at `key`, or null when the JSON value is null. */
fun JSONObject.int(key: String): Int? = if (isNull(key)) null else getInt(key)

/** The objects of a JSON array. */
fun JSONArray.objects(): List<JSONObject> = (0 until length()).map { getJSONObject(it) }

/** The strings of a JSON array. */
fun JSONArray.strings(): List<String> = (0 until length()).map { getString(it) }
