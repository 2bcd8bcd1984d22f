#!/usr/bin/env python3
"""Self-test of tests/engines/runner.py against every engine.

Run:  eval "$(scripts/engines.sh env)"; "$REPORTC_PYTHON" tests/engines/test_runner.py
Needs the engines set up and started (scripts/engines.sh setup && scripts/engines.sh start).
REPORTC_SELFTEST_ENGINES=duckdb,sqlite limits the engines (default: all six). The `snowflake`
engine (fakesnow) has its own tests (SnowflakeTest): they need REPORTC_FAKESNOW_PYTHON.

Each engine gets the same small table (NULLs, a timestamp, floats, booleans, a text list,
a reserved-word column and hostile strings) and the same portable queries; the normalised
rows must be identical across engines, up to the documented, per-engine representation
differences the Rust side normalises (see `expected_for`).
"""

import json
import os
import subprocess
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
RUNNER = os.path.join(HERE, "runner.py")
PYTHON = os.environ.get("REPORTC_PYTHON") or sys.executable
ALL_ENGINES = ["duckdb", "sqlite", "postgres", "mysql", "clickhouse", "spark"]
ENGINES = [
    e.strip()
    for e in os.environ.get("REPORTC_SELFTEST_ENGINES", ",".join(ALL_ENGINES)).split(",")
    if e.strip()
]

HOSTILE = "it's a \"quote\" \\ back\\slash -- % _ 😀 ünïcødé ☃\nline2\ttab"
TAGS1 = ["a", "b'c", "d\\e", 'q"uote', "😀"]

TABLE = {
    "name": "calls",
    "columns": [
        {"name": "id", "type": "integer"},
        {"name": "name", "type": "text"},
        {"name": "score", "type": "number"},
        {"name": "active", "type": "boolean"},
        {"name": "ts", "type": "timestamp"},
        {"name": "tags", "type": "text_list"},
        {"name": "group", "type": "text"},  # a reserved word: the DDL must quote it
    ],
    "rows": [
        [1, HOSTILE, 1.5, True, "2026-01-05 08:00:00", TAGS1, "g1"],
        [2, None, None, None, None, None, None],
        [3, "plain", -0.25, False, "1999-12-31 23:59:59", [], "g2"],
        [4, "", 2, False, "2026-01-05 23:00:07", ["x"], "g1"],
    ],
}

QUERIES = [
    ("all", "SELECT id, name, score, active, ts, tags FROM calls ORDER BY id"),
    ("star", "SELECT * FROM calls WHERE id = 3"),
    ("count", "SELECT COUNT(*) AS n, COUNT(name) AS names, COUNT(ts) AS tss FROM calls"),
    ("like", "SELECT id FROM calls WHERE name LIKE '%quote%' ORDER BY id"),
    ("is_null", "SELECT id FROM calls WHERE name IS NULL ORDER BY id"),
    ("empty_text", "SELECT id FROM calls WHERE name = '' ORDER BY id"),
    ("float", "SELECT id, score * 2 AS doubled FROM calls WHERE score IS NOT NULL ORDER BY id"),
    ("bool", "SELECT id FROM calls WHERE active ORDER BY id"),
    ("minmax_ts", "SELECT MIN(ts) AS first_ts, MAX(ts) AS last_ts FROM calls"),
    ("nothing", "SELECT id FROM calls WHERE id > 100"),
    ("broken", "SELECT no_such_column FROM calls"),
    ("after_error", "SELECT COUNT(*) AS n FROM calls WHERE id >= 2"),
]

# Engine-specific: the stored timestamp of row 1 read back as Unix seconds, which proves
# it is stored and interpreted as UTC (whatever the local time zone).
EPOCH_SQL = {
    "duckdb": "SELECT epoch(ts) AS e FROM calls WHERE id = 1",
    "sqlite": "SELECT CAST(strftime('%s', ts) AS INTEGER) AS e FROM calls WHERE id = 1",
    "postgres": "SELECT EXTRACT(EPOCH FROM ts) AS e FROM calls WHERE id = 1",
    "mysql": "SELECT UNIX_TIMESTAMP(ts) AS e FROM calls WHERE id = 1",
    "clickhouse": "SELECT toUnixTimestamp(ts) AS e FROM calls WHERE id = 1",
    "spark": "SELECT unix_timestamp(CAST(ts AS TIMESTAMP)) AS e FROM calls WHERE id = 1",
}
EPOCH_ROW1 = 1767600000  # 2026-01-05 08:00:00 UTC

BOOL_COLS = {"active"}
LIST_COLS = {"tags"}


def expected_for(engine):
    """Expected normalised results, with the per-engine representation quirks."""
    ints_for_bools = engine in ("sqlite", "mysql")  # 0/1: the Rust side normalises
    null_list_is_empty = engine == "clickhouse"  # Array cannot be Nullable

    def b(v):
        if v is None or not ints_for_bools:
            return v
        return 1 if v else 0

    def lst(v):
        if v is None and null_list_is_empty:
            return []
        return v

    rows = [
        [1, HOSTILE, 1.5, b(True), "2026-01-05 08:00:00", lst(TAGS1)],
        [2, None, None, b(None), None, lst(None)],
        [3, "plain", -0.25, b(False), "1999-12-31 23:59:59", lst([])],
        [4, "", 2.0, b(False), "2026-01-05 23:00:07", lst(["x"])],
    ]
    return {
        "all": (["id", "name", "score", "active", "ts", "tags"], rows),
        "star": (
            ["id", "name", "score", "active", "ts", "tags", "group"],
            [[3, "plain", -0.25, b(False), "1999-12-31 23:59:59", lst([]), "g2"]],
        ),
        "count": (["n", "names", "tss"], [[4, 3, 3]]),
        "like": (["id"], [[1]]),
        "is_null": (["id"], [[2]]),
        "empty_text": (["id"], [[4]]),
        "float": (["id", "doubled"], [[1, 3.0], [3, -0.5], [4, 4.0]]),
        "bool": (["id"], [[1]]),
        "minmax_ts": (["first_ts", "last_ts"], [["1999-12-31 23:59:59", "2026-01-05 23:00:07"]]),
        "nothing": (["id"], []),
        "after_error": (["n"], [[3]]),
    }


def decode_lists(engine, columns, rows):
    """SQLite and MariaDB hand a text_list back as JSON text: decode it for comparison."""
    if engine not in ("sqlite", "mysql"):
        return rows
    out = []
    for r in rows:
        r = list(r)
        for i, c in enumerate(columns):
            if c in LIST_COLS and isinstance(r[i], str):
                r[i] = json.loads(r[i])
        out.append(r)
    return out


def strict(v):
    """A form where 1, 1.0 and True all differ, for exact comparison."""
    if isinstance(v, list):
        return ["list", [strict(x) for x in v]]
    if isinstance(v, dict):
        return ["dict", {k: strict(x) for k, x in v.items()}]
    return [type(v).__name__, v]


def run_runner(engine, doc, env=None):
    e = dict(os.environ)
    if env:
        e.update(env)
    p = subprocess.run(
        [PYTHON, RUNNER, engine],
        input=json.dumps(doc).encode("utf-8"),
        capture_output=True,
        env=e,
        timeout=600,
    )
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")


def start_all():
    """Run every engine concurrently (Spark needs seconds to start)."""
    queries = [{"id": i, "sql": s} for i, s in QUERIES]
    procs = {}
    t0 = time.time()
    # A non-UTC local zone: timestamps must still come back as stored (UTC).
    env = dict(os.environ, TZ="Asia/Kolkata")
    for eng in ENGINES:
        procs[eng] = subprocess.Popen(
            [PYTHON, RUNNER, eng],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
    results = {}
    for eng, p in procs.items():
        qs = queries + [{"id": "epoch", "sql": EPOCH_SQL[eng]}] if eng in EPOCH_SQL else queries
        data = json.dumps({"tables": [TABLE], "queries": qs}).encode("utf-8")
        out, err = p.communicate(data, timeout=600)
        results[eng] = (p.returncode, out.decode("utf-8"), err.decode("utf-8", "replace"))
        sys.stderr.write(f"  {eng}: exit {p.returncode} after {time.time() - t0:.1f} s\n")
    return results


RESULTS = {}


class EngineTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not RESULTS:
            RESULTS.update(start_all())

    def check_engine(self, engine):
        rc, out, err = RESULTS[engine]
        self.assertEqual(rc, 0, f"{engine} runner failed (exit {rc}):\n{err}")
        doc = json.loads(out)  # stdout must hold exactly one JSON document
        self.assertEqual(doc["engine"], engine)
        self.assertTrue(doc.get("version"), "version missing")
        by_id = {r["id"]: r for r in doc["results"]}
        self.assertEqual([r["id"] for r in doc["results"] if r["id"] != "epoch"], [q for q, _ in QUERIES])
        epoch = by_id["epoch"]
        self.assertNotIn("error", epoch, f"{engine} epoch: {epoch.get('error')}")
        self.assertEqual(len(epoch["rows"]), 1)
        self.assertEqual(float(epoch["rows"][0][0]), float(EPOCH_ROW1), f"{engine}: timestamp not UTC")
        self.assertIn("error", by_id["broken"], f"{engine}: broken query did not fail")
        self.assertIsInstance(by_id["broken"]["error"], str)
        self.assertTrue(by_id["broken"]["error"])
        for qid, (cols, rows) in expected_for(engine).items():
            with self.subTest(engine=engine, query=qid):
                res = by_id[qid]
                self.assertNotIn("error", res, f"{engine} {qid}: {res.get('error')}")
                self.assertEqual(res["columns"], cols)
                got = decode_lists(engine, res["columns"], res["rows"])
                self.assertEqual(
                    strict(got),
                    strict(rows),
                    f"{engine} {qid}:\n got      {got!r}\n expected {rows!r}",
                )


def _make(engine):
    def test(self):
        self.check_engine(engine)

    test.__name__ = f"test_{engine}"
    return test


for _eng in ENGINES:
    setattr(EngineTest, f"test_{_eng}", _make(_eng))


class CrossEngineTest(unittest.TestCase):
    def test_identical_after_normalisation(self):
        """Every engine's rows agree once the documented quirks are undone."""
        if not RESULTS:
            RESULTS.update(start_all())
        canon = {}
        for eng in ENGINES:
            rc, out, _ = RESULTS[eng]
            if rc != 0:
                self.fail(f"{eng} runner failed")
            doc = json.loads(out)
            res = {}
            for r in doc["results"]:
                if "error" in r or r["id"] == "epoch":
                    continue
                rows = decode_lists(eng, r["columns"], r["rows"])
                fixed = []
                for row in rows:
                    row = list(row)
                    for i, c in enumerate(r["columns"]):
                        if c in BOOL_COLS and isinstance(row[i], int) and not isinstance(row[i], bool):
                            row[i] = bool(row[i])
                        if c in LIST_COLS and eng == "clickhouse" and row[i] == [] and row[0] == 2:
                            row[i] = None
                    fixed.append(row)
                res[r["id"]] = strict([r["columns"], fixed])
            canon[eng] = res
        first = ENGINES[0]
        for eng in ENGINES[1:]:
            self.assertEqual(canon[eng], canon[first], f"{eng} differs from {first}")


class SnowflakeTest(unittest.TestCase):
    """The `snowflake` engine (fakesnow, in its own venv). Not one of the six: its SQL is
    Snowflake's and its result names are Snowflake's (unquoted names come back upper case), so
    it has its own queries. Skipped, saying so, when REPORTC_FAKESNOW_PYTHON is not set (it
    fails instead under CI=true)."""

    @classmethod
    def setUpClass(cls):
        cls.py = os.environ.get("REPORTC_FAKESNOW_PYTHON")
        if not cls.py:
            msg = 'REPORTC_FAKESNOW_PYTHON is not set (scripts/engines.sh setup; eval "$(scripts/engines.sh env)")'
            if os.environ.get("CI"):
                raise AssertionError(msg)
            raise unittest.SkipTest(msg)
        table = dict(TABLE)
        table["columns"] = TABLE["columns"] + [{"name": "WaitTime", "type": "integer"}]
        table["rows"] = [r + [w] for r, w in zip(TABLE["rows"], [3, None, 4, 4])]
        queries = [
            # names written as reportc writes them: regular ones bare, `group` (reserved) and
            # `WaitTime` (mixed case) quoted
            ("all", "SELECT id, name, score, active, ts, tags FROM calls ORDER BY id"),
            ("quoted", 'SELECT "group", "WaitTime" FROM calls ORDER BY id'),
            ("aliases", 'SELECT COUNT(*) AS n, COUNT(name) AS "names" FROM calls'),
            ("escapes", "SELECT id FROM calls WHERE name LIKE '%it\\'s%' ESCAPE '\\\\' ORDER BY id"),
            ("epoch", "SELECT DATE_PART(EPOCH_SECOND, ts) AS e FROM calls WHERE id = 1"),
            ("broken", "SELECT no_such_column FROM calls"),
        ]
        doc = {"tables": [table], "queries": [{"id": i, "sql": q} for i, q in queries]}
        # the main interpreter re-executes the runner under the fakesnow venv
        cls.rc, out, cls.err = run_runner("snowflake", doc, {"TZ": "Asia/Kolkata"})
        cls.doc = json.loads(out) if cls.rc == 0 else None
        cls.by_id = {r["id"]: r for r in cls.doc["results"]} if cls.doc else {}

    def test_runs(self):
        self.assertEqual(self.rc, 0, self.err)
        self.assertEqual(self.doc["engine"], "snowflake")
        self.assertIn("fakesnow", self.doc["version"])

    def test_rows_as_on_duckdb(self):
        res = self.by_id["all"]
        self.assertNotIn("error", res, res.get("error"))
        # unquoted names are stored and returned upper case, as on Snowflake
        self.assertEqual(res["columns"], ["ID", "NAME", "SCORE", "ACTIVE", "TS", "TAGS"])
        cols, rows = expected_for("duckdb")["all"]
        self.assertEqual(strict(res["rows"]), strict(rows))

    def test_quoted_names_keep_their_case(self):
        res = self.by_id["quoted"]
        self.assertNotIn("error", res, res.get("error"))
        self.assertEqual(res["columns"], ["group", "WaitTime"])
        self.assertEqual(res["rows"], [["g1", 3], [None, None], ["g2", 4], ["g1", 4]])

    def test_unquoted_alias_comes_back_upper_case(self):
        res = self.by_id["aliases"]
        self.assertNotIn("error", res, res.get("error"))
        self.assertEqual(res["columns"], ["N", "names"])
        self.assertEqual(res["rows"], [[4, 3]])

    def test_backslash_escapes(self):
        res = self.by_id["escapes"]
        self.assertNotIn("error", res, res.get("error"))
        self.assertEqual(res["rows"], [[1]])

    def test_timestamps_are_utc(self):
        self.assertEqual(self.by_id["epoch"]["rows"], [[EPOCH_ROW1]])

    def test_errors_are_per_query(self):
        self.assertIn("error", self.by_id["broken"])

    def test_missing_fakesnow_is_a_setup_error(self):
        if os.path.abspath(PYTHON) == os.path.abspath(self.py):
            self.skipTest("REPORTC_PYTHON is the fakesnow venv: nothing to re-execute")
        rc, out, err = run_runner(
            "snowflake", {"tables": [], "queries": []}, {"REPORTC_FAKESNOW_PYTHON": ""}
        )
        self.assertEqual(rc, 3, f"{out} {err}")
        self.assertIn("setup error", err)
        self.assertEqual(out, "")


class SqlglotParseTest(unittest.TestCase):
    def test_parse(self):
        doc = {
            "dialect": "bigquery",
            "queries": [
                {"id": "ok", "sql": "SELECT a, COUNT(*) FROM `p.d.t` GROUP BY a"},
                {"id": "top", "sql": "SELECT TOP 1 a FROM t"},
                {"id": "tok", "sql": "SELECT 'unterminated"},
            ],
        }
        rc, out, err = run_runner("sqlglot-parse", doc)
        self.assertEqual(rc, 0, err)
        res = {r["id"]: r for r in json.loads(out)["results"]}
        self.assertEqual(res["ok"], {"id": "ok", "ok": True})
        self.assertFalse(res["top"]["ok"])
        self.assertFalse(res["tok"]["ok"])
        self.assertNotIn("\x1b", res["top"]["error"])

    def test_dialects(self):
        for d in [
            "postgres", "bigquery", "snowflake", "duckdb", "redshift", "tsql", "trino",
            "oracle", "databricks", "spark", "clickhouse", "mysql", "sqlite",
        ]:
            rc, out, err = run_runner(
                "sqlglot-parse", {"dialect": d, "queries": [{"id": "q", "sql": "SELECT 1 AS x"}]}
            )
            self.assertEqual(rc, 0, f"{d}: {err}")
            self.assertEqual(json.loads(out)["results"], [{"id": "q", "ok": True}], d)


class ProtocolTest(unittest.TestCase):
    def test_unreachable_engine_exits_3(self):
        doc = {"tables": [], "queries": [{"id": "q", "sql": "SELECT 1"}]}
        for eng, env in [
            ("postgres", {"REPORTC_PG_PORT": "1"}),
            ("mysql", {"REPORTC_MYSQL_PORT": "1"}),
        ]:
            if eng not in ENGINES:
                continue
            rc, out, err = run_runner(eng, doc, env)
            self.assertEqual(rc, 3, f"{eng}: {out} {err}")
            self.assertIn("setup error", err)
            self.assertEqual(out, "")

    def test_bad_input_exits_2(self):
        rc, _, err = run_runner("duckdb", {"tables": [{"name": "t", "columns": [{"name": "c", "type": "blob"}]}]})
        self.assertEqual(rc, 2)
        self.assertIn("type must be one of", err)

    def test_empty_table_and_no_queries(self):
        doc = {"tables": [dict(TABLE, rows=[])], "queries": [{"id": "q", "sql": "SELECT COUNT(*) AS n FROM calls"}]}
        rc, out, err = run_runner("sqlite", doc)
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)["results"], [{"id": "q", "columns": ["n"], "rows": [[0]]}])


if __name__ == "__main__":
    unittest.main(verbosity=2)
