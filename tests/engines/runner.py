#!/usr/bin/env python3
"""Run SQL on a real engine and print normalised results as JSON.

Usage: $REPORTC_PYTHON tests/engines/runner.py ENGINE < input.json

ENGINE: duckdb | sqlite | postgres | mysql | clickhouse | spark | snowflake | sqlglot-parse

Input (engines):
  {"tables": [{"name": "t", "columns": [{"name": "c", "type": "text"}, ...],
               "rows": [["x"], [null]]}],
   "queries": [{"id": "q1", "sql": "SELECT ..."}]}
  Logical column types: text, integer, number, boolean, timestamp
  ("YYYY-MM-DD HH:MM:SS", naive UTC), text_list (list of strings).

Output (engines):
  {"engine": "duckdb", "version": "...",
   "results": [{"id": "q1", "columns": [...], "rows": [[...], ...]},
               {"id": "q2", "error": "engine message"}]}

Input (sqlglot-parse): {"dialect": "bigquery", "queries": [{"id": "q1", "sql": "..."}]}
Output (sqlglot-parse): {"results": [{"id": "q1", "ok": true}, {"id": "q2", "ok": false, "error": "..."}]}

Normalisation: NULL -> null; ints -> JSON ints; floats and decimals -> JSON floats
(NaN / infinities -> the strings "NaN", "Infinity", "-Infinity", as JSON has no such
numbers); booleans -> true/false where the engine has them (SQLite and MariaDB give
0/1 ints: left as they are); timestamps -> "YYYY-MM-DD HH:MM:SS" (UTC; ".ffffff"
kept only when non-zero); dates -> "YYYY-MM-DD"; times -> "HH:MM:SS"; intervals ->
seconds (int when whole, else float); lists -> arrays; maps/structs -> objects;
bytes -> UTF-8 text (hex when not UTF-8); anything else -> str(value).
Row order is the engine's.

Notes per engine:
  * sqlite: booleans are stored 0/1, timestamps as TEXT, text_list as TEXT holding a
    JSON array: query results give those back as they are (ints / text).
  * mysql (MariaDB): booleans come back 0/1, a text_list column (JSON) comes back as
    JSON text. Each run uses a fresh database (utf8mb4, collation from
    REPORTC_MYSQL_COLLATION, default utf8mb4_bin, i.e. case-sensitive like the
    other engines), dropped at the end.
  * postgres: each run uses a fresh schema (on search_path), dropped at the end.
  * clickhouse (chdb): arrays cannot be Nullable, so a NULL text_list is stored as
    an empty array. Timestamps are DateTime64(3, 'UTC'); session_timezone is UTC.
  * spark: tables are temporary views over a JSON-lines file read with the exact
    schema (no warehouse writes); the session runs in a temporary directory, with
    session time zone UTC, ANSI mode as Spark's default (on).
  * snowflake (fakesnow, emulated on DuckDB: a second opinion, not Snowflake): runs under
    REPORTC_FAKESNOW_PYTHON (the runner re-executes itself with it). Names are stored as
    Snowflake stores the identifiers reportc writes (regular, single-case, unreserved names
    upper case; others exactly as written); result column names are Snowflake's. Lists are
    ARRAY, read back as lists. fakesnow has no ALTER SESSION SET TIMEZONE: the process's TZ
    is UTC and stored timestamps are TIMESTAMP_NTZ.

Exit codes: 0 ok (query errors are reported per query); 2 bad input / usage;
3 engine setup error (unreachable, cannot install tables, missing module).
"""

import datetime as _dt
import decimal
import json
import math
import os
import re
import shutil
import sys
import tempfile
import time
import uuid

ENGINES = ("duckdb", "sqlite", "postgres", "mysql", "clickhouse", "spark", "snowflake")
LOGICAL_TYPES = ("text", "integer", "number", "boolean", "timestamp", "text_list")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class SetupError(Exception):
    """The engine could not be reached or the tables could not be created."""


class InputError(Exception):
    """The input document is malformed."""


# --------------------------------------------------------------------------- input


def _parse_timestamp(v):
    if isinstance(v, str):
        s = v.strip().replace("T", " ")
        if s.endswith("Z"):
            s = s[:-1]
        try:
            d = _dt.datetime.fromisoformat(s)
        except ValueError as e:
            raise InputError(f"bad timestamp {v!r}: {e}")
        if d.tzinfo is not None:
            d = d.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        return d
    raise InputError(f"bad timestamp {v!r}: expected a string 'YYYY-MM-DD HH:MM:SS'")


def _coerce(value, ltype, where):
    """Turn a JSON input value into the Python value of its logical type."""
    if value is None:
        return None
    try:
        if ltype == "text":
            if not isinstance(value, str):
                raise InputError(f"{where}: expected a string, got {value!r}")
            return value
        if ltype == "integer":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise InputError(f"{where}: expected an integer, got {value!r}")
            if isinstance(value, float) and not value.is_integer():
                raise InputError(f"{where}: expected an integer, got {value!r}")
            return int(value)
        if ltype == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise InputError(f"{where}: expected a number, got {value!r}")
            return float(value)
        if ltype == "boolean":
            if not isinstance(value, bool):
                raise InputError(f"{where}: expected a boolean, got {value!r}")
            return value
        if ltype == "timestamp":
            return _parse_timestamp(value)
        if ltype == "text_list":
            if not isinstance(value, list) or not all(
                isinstance(x, str) or x is None for x in value
            ):
                raise InputError(f"{where}: expected a list of strings, got {value!r}")
            return list(value)
    except InputError:
        raise
    except Exception as e:  # pragma: no cover - defensive
        raise InputError(f"{where}: {e}")
    raise InputError(f"{where}: unknown logical type {ltype!r}")


def load_tables(doc):
    tables = doc.get("tables", [])
    if not isinstance(tables, list):
        raise InputError("'tables' must be a list")
    out = []
    for ti, t in enumerate(tables):
        if not isinstance(t, dict) or not isinstance(t.get("name"), str):
            raise InputError(f"tables[{ti}]: needs a string 'name'")
        cols = t.get("columns")
        if not isinstance(cols, list) or not cols:
            raise InputError(f"table {t['name']}: needs a non-empty 'columns' list")
        names, types = [], []
        for c in cols:
            if not isinstance(c, dict) or not isinstance(c.get("name"), str):
                raise InputError(f"table {t['name']}: each column needs a 'name'")
            if c.get("type") not in LOGICAL_TYPES:
                raise InputError(
                    f"table {t['name']}, column {c['name']}: type must be one of "
                    f"{', '.join(LOGICAL_TYPES)}, got {c.get('type')!r}"
                )
            names.append(c["name"])
            types.append(c["type"])
        rows = []
        for ri, r in enumerate(t.get("rows", [])):
            if not isinstance(r, list) or len(r) != len(cols):
                raise InputError(
                    f"table {t['name']}, row {ri}: expected a list of {len(cols)} values"
                )
            rows.append(
                [
                    _coerce(v, ty, f"table {t['name']}, row {ri}, column {n}")
                    for v, ty, n in zip(r, types, names)
                ]
            )
        out.append({"name": t["name"], "columns": names, "types": types, "rows": rows})
    return out


def load_queries(doc):
    qs = doc.get("queries", [])
    if not isinstance(qs, list):
        raise InputError("'queries' must be a list")
    for i, q in enumerate(qs):
        if not isinstance(q, dict) or not isinstance(q.get("sql"), str):
            raise InputError(f"queries[{i}]: needs a string 'sql'")
        if "id" not in q:
            raise InputError(f"queries[{i}]: needs an 'id'")
    return qs


# ----------------------------------------------------------------------- normalise


def fmt_timestamp(d):
    if d.tzinfo is not None:
        d = d.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    s = d.strftime("%Y-%m-%d %H:%M:%S")
    if d.year < 1000:  # strftime does not zero-pad years on every platform
        s = f"{d.year:04d}" + s[s.index("-"):]
    if d.microsecond:
        s += (".%06d" % d.microsecond).rstrip("0")
    return s


def fmt_float(f):
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "Infinity" if f > 0 else "-Infinity"
    return float(f)


def norm(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float):
        return fmt_float(v)
    if isinstance(v, decimal.Decimal):
        if v.is_nan():
            return "NaN"
        if v.is_infinite():
            return "Infinity" if v > 0 else "-Infinity"
        return float(v)
    if isinstance(v, str):
        return v
    if isinstance(v, _dt.datetime):
        return fmt_timestamp(v)
    if isinstance(v, _dt.date):
        return v.isoformat()
    if isinstance(v, _dt.time):
        s = v.strftime("%H:%M:%S")
        if v.microsecond:
            s += (".%06d" % v.microsecond).rstrip("0")
        return s
    if isinstance(v, _dt.timedelta):
        secs = v.days * 86400 + v.seconds
        if v.microseconds:
            return secs + v.microseconds / 1e6
        return secs
    if isinstance(v, (bytes, bytearray, memoryview)):
        b = bytes(v)
        try:
            return b.decode("utf-8")
        except UnicodeDecodeError:
            return b.hex()
    if isinstance(v, uuid.UUID):
        return str(v)
    if hasattr(v, "asDict"):  # pyspark Row (a tuple subclass): a struct
        return {str(k): norm(x) for k, x in v.asDict(recursive=False).items()}
    if isinstance(v, dict):
        return {str(k): norm(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, set, frozenset)):
        return [norm(x) for x in v]
    if hasattr(v, "item") and callable(v.item):  # numpy scalars
        try:
            return norm(v.item())
        except Exception:
            pass
    return str(v)


def clean_error(e):
    args = getattr(e, "args", ())
    if args and isinstance(args[0], dict) and "M" in args[0]:
        # pg8000: a dict of PostgreSQL error fields.
        f = args[0]
        msg = f"{f.get('S', 'ERROR')}: {f['M']}"
        if f.get("D"):
            msg += f" DETAIL: {f['D']}"
        if f.get("H"):
            msg += f" HINT: {f['H']}"
        if f.get("C"):
            msg += f" (SQLSTATE {f['C']})"
        return msg
    if len(args) == 2 and isinstance(args[0], int) and isinstance(args[1], str):
        # pymysql: (errno, message)
        return f"{args[1]} (errno {args[0]})"
    msg = str(e).strip() or type(e).__name__
    msg = _ANSI.sub("", msg)
    cut = msg.find("\n\nJVM stacktrace:")
    if cut >= 0:
        msg = msg[:cut]
    return msg.strip()


# ------------------------------------------------------------------------- engines


def qident(name, q='"'):
    return q + name.replace(q, q + q) + q


def qident_backslash(name, q="`"):
    """A quoted name where a backslash is an escape inside quoted names (ClickHouse)."""
    return qident(name.replace("\\", "\\\\"), q)


class Engine:
    name = "?"

    def connect(self):
        raise NotImplementedError

    def version(self):
        raise NotImplementedError

    def create(self, table):
        raise NotImplementedError

    def query(self, sql):
        """Return (columns, rows) with raw Python values; raise on error."""
        raise NotImplementedError

    def convert(self, value):
        return norm(value)

    def close(self):
        pass


class DuckDB(Engine):
    name = "duckdb"
    PHYS = {
        "text": "VARCHAR",
        "integer": "BIGINT",
        "number": "DOUBLE",
        "boolean": "BOOLEAN",
        "timestamp": "TIMESTAMP",
        "text_list": "VARCHAR[]",
    }

    def connect(self):
        import duckdb

        self.mod = duckdb
        self.con = duckdb.connect(":memory:")
        self.con.execute("SET TimeZone = 'UTC'")

    def version(self):
        return self.mod.__version__

    def create(self, t):
        n = qident(t["name"])
        self.con.execute(f"DROP TABLE IF EXISTS {n}")
        cols = ", ".join(
            f"{qident(c)} {self.PHYS[ty]}" for c, ty in zip(t["columns"], t["types"])
        )
        self.con.execute(f"CREATE TABLE {n} ({cols})")
        # Multi-row inserts with bound parameters (executemany is slow: ~1 ms a row).
        group = "(" + ", ".join("?" for _ in t["columns"]) + ")"
        per = 500
        for start in range(0, len(t["rows"]), per):
            chunk = t["rows"][start : start + per]
            sql = f"INSERT INTO {n} VALUES " + ", ".join(group for _ in chunk)
            self.con.execute(sql, [v for r in chunk for v in r])

    def query(self, sql):
        cur = self.con.execute(sql)
        if cur.description is None:
            return [], []
        cols = [d[0] for d in cur.description]
        return cols, cur.fetchall()

    def close(self):
        self.con.close()


class SQLite(Engine):
    name = "sqlite"
    PHYS = {
        "text": "TEXT",
        "integer": "INTEGER",
        "number": "REAL",
        "boolean": "INTEGER",
        "timestamp": "TEXT",
        "text_list": "TEXT",
    }

    def connect(self):
        import sqlite3

        self.mod = sqlite3
        self.con = sqlite3.connect(":memory:", isolation_level=None)

    def version(self):
        return self.mod.sqlite_version

    @staticmethod
    def phys_value(v, ty):
        if v is None:
            return None
        if ty == "boolean":
            return 1 if v else 0
        if ty == "timestamp":
            return fmt_timestamp(v)
        if ty == "text_list":
            return json.dumps(v, ensure_ascii=False)
        return v

    def create(self, t):
        n = qident(t["name"])
        self.con.execute(f"DROP TABLE IF EXISTS {n}")
        cols = ", ".join(
            f"{qident(c)} {self.PHYS[ty]}" for c, ty in zip(t["columns"], t["types"])
        )
        self.con.execute(f"CREATE TABLE {n} ({cols})")
        if t["rows"]:
            ph = ", ".join("?" for _ in t["columns"])
            rows = [
                [self.phys_value(v, ty) for v, ty in zip(r, t["types"])] for r in t["rows"]
            ]
            self.con.executemany(f"INSERT INTO {n} VALUES ({ph})", rows)

    def query(self, sql):
        cur = self.con.cursor()
        try:
            cur.execute(sql)
            if cur.description is None:
                return [], []
            cols = [d[0] for d in cur.description]
            return cols, cur.fetchall()
        finally:
            cur.close()

    def close(self):
        self.con.close()


def _env(name, default=None, required=False):
    v = os.environ.get(name)
    if v is None or v == "":
        if required:
            raise SetupError(
                f"environment variable {name} is not set "
                f'(run: eval "$(scripts/engines.sh env)")'
            )
        return default
    return v


def _timeout_seconds():
    try:
        return max(1, int(float(_env("REPORTC_QUERY_TIMEOUT", "120"))))
    except ValueError:
        return 120


def _run_id():
    return f"{os.getpid()}_{uuid.uuid4().hex[:10]}"


class Postgres(Engine):
    name = "postgres"
    PHYS = {
        "text": "text",
        "integer": "bigint",
        "number": "double precision",
        "boolean": "boolean",
        "timestamp": "timestamp",
        "text_list": "text[]",
    }

    def connect(self):
        import pg8000.native

        self.mod = pg8000
        host = _env("REPORTC_PG_HOST", "127.0.0.1")
        port = int(_env("REPORTC_PG_PORT", "54329"))
        user = _env("REPORTC_PG_USER", "postgres")
        db = _env("REPORTC_PG_DB", "reportc")
        password = _env("REPORTC_PG_PASSWORD")
        try:
            self.con = pg8000.native.Connection(
                user=user,
                host=host,
                port=port,
                database=db,
                password=password,
                timeout=_timeout_seconds() + 30,
                application_name="reportc-runner",
            )
        except Exception as e:
            raise SetupError(
                f"cannot connect to PostgreSQL at {user}@{host}:{port}/{db}: {clean_error(e)} "
                f"(start it with: scripts/engines.sh start)"
            )
        self.schema = f"reportc_run_{_run_id()}"
        self.con.run("SET client_min_messages = warning")
        self.con.run("SET TIME ZONE 'UTC'")
        self.con.run(f"SET statement_timeout = '{_timeout_seconds()}s'")
        self.con.run(f"CREATE SCHEMA {qident(self.schema)}")
        self.con.run(f"SET search_path TO {qident(self.schema)}")

    def version(self):
        return self.con.run("SHOW server_version")[0][0]

    def create(self, t):
        n = qident(t["name"])
        self.con.run(f"DROP TABLE IF EXISTS {n}")
        cols = ", ".join(
            f"{qident(c)} {self.PHYS[ty]}" for c, ty in zip(t["columns"], t["types"])
        )
        self.con.run(f"CREATE TABLE {n} ({cols})")
        if not t["rows"]:
            return
        ncols = len(t["columns"])
        per = max(1, 30000 // ncols)
        casts = [self.PHYS[ty] for ty in t["types"]]
        for start in range(0, len(t["rows"]), per):
            chunk = t["rows"][start : start + per]
            groups, vals = [], []
            for r in chunk:
                ph = []
                for v, ty, cast in zip(r, t["types"], casts):
                    vals.append(self.phys_value(v, ty))
                    ph.append(f"${len(vals)}::{cast}")
                groups.append("(" + ", ".join(ph) + ")")
            self.con.execute_unnamed(
                f"INSERT INTO {n} VALUES " + ", ".join(groups), vals=tuple(vals)
            )

    @staticmethod
    def phys_value(v, ty):
        # Bound as text and cast on the server: exact and immune to quoting.
        if v is None:
            return None
        if ty == "timestamp":
            return fmt_timestamp(v)
        if ty == "text_list":
            return "{" + ",".join(
                "NULL" if x is None else '"' + x.replace("\\", "\\\\").replace('"', '\\"') + '"'
                for x in v
            ) + "}"
        if ty == "boolean":
            return "true" if v else "false"
        if ty == "number":
            return repr(v)
        return str(v) if ty == "integer" else v

    def query(self, sql):
        rows = self.con.run(sql)
        cols = self.con.columns
        if cols is None:
            return [], []
        return [c["name"] for c in cols], rows or []

    def close(self):
        try:
            self.con.run(f"DROP SCHEMA IF EXISTS {qident(self.schema)} CASCADE")
        except Exception:
            pass
        try:
            self.con.close()
        except Exception:
            pass


class MySQL(Engine):
    name = "mysql"
    PHYS = {
        "text": "TEXT",
        "integer": "BIGINT",
        "number": "DOUBLE",
        "boolean": "BOOLEAN",
        "timestamp": "DATETIME",
        "text_list": "JSON",
    }

    def connect(self):
        import pymysql

        self.mod = pymysql
        host = _env("REPORTC_MYSQL_HOST", "127.0.0.1")
        port = int(_env("REPORTC_MYSQL_PORT", "33069"))
        user = _env("REPORTC_MYSQL_USER", "reportc")
        password = _env("REPORTC_MYSQL_PASSWORD", "")
        self.collation = _env("REPORTC_MYSQL_COLLATION", "utf8mb4_bin")
        if not re.fullmatch(r"[A-Za-z0-9_]+", self.collation):
            raise SetupError(f"bad REPORTC_MYSQL_COLLATION {self.collation!r}")
        try:
            self.con = pymysql.connect(
                host=host,
                port=port,
                user=user,
                password=password,
                charset="utf8mb4",
                autocommit=True,
                connect_timeout=10,
                read_timeout=_timeout_seconds() + 30,
                write_timeout=_timeout_seconds() + 30,
            )
        except Exception as e:
            raise SetupError(
                f"cannot connect to MariaDB at {user}@{host}:{port}: {clean_error(e)} "
                f"(start it with: scripts/engines.sh start)"
            )
        self.db = f"reportc_run_{_run_id()}"
        with self.con.cursor() as c:
            c.execute("SET time_zone = '+00:00'")
            c.execute(f"SET SESSION max_statement_time = {_timeout_seconds()}")
            c.execute(
                f"CREATE DATABASE {qident(self.db, '`')} "
                f"CHARACTER SET utf8mb4 COLLATE {self.collation}"
            )
            c.execute(f"USE {qident(self.db, '`')}")

    def version(self):
        with self.con.cursor() as c:
            c.execute("SELECT VERSION()")
            return c.fetchone()[0]

    @staticmethod
    def phys_value(v, ty):
        if v is None:
            return None
        if ty == "timestamp":
            return fmt_timestamp(v)
        if ty == "text_list":
            return json.dumps(v, ensure_ascii=False)
        return v

    def create(self, t):
        n = qident(t["name"], "`")
        cols = ", ".join(
            f"{qident(c, '`')} {self.PHYS[ty]}" for c, ty in zip(t["columns"], t["types"])
        )
        with self.con.cursor() as c:
            c.execute(f"DROP TABLE IF EXISTS {n}")
            c.execute(f"CREATE TABLE {n} ({cols})")
            if t["rows"]:
                ph = ", ".join("%s" for _ in t["columns"])
                rows = [
                    [self.phys_value(v, ty) for v, ty in zip(r, t["types"])]
                    for r in t["rows"]
                ]
                # pymysql turns executemany on "INSERT ... VALUES" into multi-row inserts.
                c.executemany(f"INSERT INTO {n} VALUES ({ph})", rows)

    def query(self, sql):
        with self.con.cursor() as c:
            c.execute(sql)  # no args: the SQL is sent verbatim (no %-formatting)
            if c.description is None:
                return [], []
            cols = [d[0] for d in c.description]
            rows = c.fetchall()
            # Drain any further result sets so the connection stays usable.
            while c.nextset():
                pass
            return cols, rows

    def close(self):
        try:
            with self.con.cursor() as c:
                c.execute(f"DROP DATABASE IF EXISTS {qident(self.db, '`')}")
        except Exception:
            pass
        try:
            self.con.close()
        except Exception:
            pass


def _ch_split_args(s):
    """Split 'A, B(C, D), E' at top-level commas."""
    out, depth, cur, quote = [], 0, [], False
    i = 0
    while i < len(s):
        ch = s[i]
        if quote:
            cur.append(ch)
            if ch == "\\" and i + 1 < len(s):
                cur.append(s[i + 1])
                i += 1
            elif ch == "'":
                quote = False
        elif ch == "'":
            quote = True
            cur.append(ch)
        elif ch == "(":
            depth += 1
            cur.append(ch)
        elif ch == ")":
            depth -= 1
            cur.append(ch)
        elif ch == "," and depth == 0:
            out.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
        i += 1
    if cur or out:
        out.append("".join(cur).strip())
    return out


def _ch_unwrap(ty):
    m = re.fullmatch(r"(\w+)\((.*)\)", ty.strip(), re.S)
    if not m:
        return ty.strip(), []
    return m.group(1), _ch_split_args(m.group(2))


def ch_convert(v, ty):
    """Convert a JSONCompact value of ClickHouse type `ty` to a normalised value."""
    if v is None:
        return None
    base, args = _ch_unwrap(ty)
    if base in ("Nullable", "LowCardinality", "SimpleAggregateFunction"):
        return ch_convert(v, args[-1])
    if base == "Array" and isinstance(v, list):
        return [ch_convert(x, args[0]) for x in v]
    if base == "Tuple" and isinstance(v, list):
        subs = []
        for a in args:  # named elements look like "name Type"
            m = re.fullmatch(r"([A-Za-z_]\w*)\s+(.+)", a, re.S)
            subs.append(m.group(2) if m else a)
        return [ch_convert(x, subs[i] if i < len(subs) else "String") for i, x in enumerate(v)]
    if base == "Map" and isinstance(v, dict):
        return {str(k): ch_convert(x, args[1]) for k, x in v.items()}
    if base.startswith("DateTime") and isinstance(v, str):
        s = v
        if "." in s:
            head, frac = s.split(".", 1)
            frac = frac.rstrip("0")
            s = head + ("." + frac if frac else "")
        return s
    if base.startswith("Float") or base.startswith("Decimal") or base == "BFloat16":
        if isinstance(v, str):
            low = v.lower()
            if low in ("nan", "-nan", "+nan"):
                return "NaN"
            if low in ("inf", "+inf", "infinity"):
                return "Infinity"
            if low in ("-inf", "-infinity"):
                return "-Infinity"
            try:
                return fmt_float(float(v))
            except ValueError:
                return v
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return fmt_float(float(v))
    if re.fullmatch(r"U?Int\d+", base) and isinstance(v, str):
        try:
            return int(v)
        except ValueError:
            return v
    return norm(v)


class ClickHouse(Engine):
    name = "clickhouse"
    PHYS = {
        "text": "Nullable(String)",
        "integer": "Nullable(Int64)",
        "number": "Nullable(Float64)",
        "boolean": "Nullable(Bool)",
        "timestamp": "Nullable(DateTime64(3, 'UTC'))",
        "text_list": "Array(String) NOT NULL",  # arrays cannot be Nullable: NULL -> []
    }
    SETTINGS = {
        # The trap: without it, columns created by bare types or CREATE ... AS are
        # not nullable and NULL silently becomes 0 / ''.
        "data_type_default_nullable": "1",
        "session_timezone": "'UTC'",
        "output_format_json_quote_64bit_integers": "0",
        "output_format_json_quote_64bit_floats": "0",
        "output_format_json_quote_denormals": "1",
        "output_format_json_quote_decimals": "0",
        "output_format_decimal_trailing_zeros": "0",
        "output_format_json_named_tuples_as_objects": "0",
        "date_time_output_format": "'simple'",
        "max_execution_time": None,  # filled at connect
    }

    def connect(self):
        try:
            from chdb import session
        except Exception as e:
            raise SetupError(f"cannot import chdb: {clean_error(e)}")
        self.tmp = tempfile.mkdtemp(prefix="reportc-chdb-")
        try:
            self.sess = session.Session(os.path.join(self.tmp, "db"))
        except TypeError:
            self.sess = session.Session()
        settings = dict(self.SETTINGS)
        settings["max_execution_time"] = str(_timeout_seconds())
        for k, v in settings.items():
            self._exec(f"SET {k} = {v}")
        self.db = f"reportc_run_{_run_id()}"
        self._exec(f"CREATE DATABASE {qident(self.db, '`')} ENGINE = Memory")
        self._exec(f"USE {qident(self.db, '`')}")

    def _exec(self, sql, fmt="JSONCompact"):
        res = self.sess.query(sql, fmt)
        if hasattr(res, "has_error") and res.has_error():
            raise RuntimeError(res.error_message())
        return res

    def version(self):
        res = self._exec("SELECT version()", "JSONCompact")
        return json.loads(res.bytes())["data"][0][0]

    @staticmethod
    def phys_value(v, ty):
        if ty == "text_list":
            return [] if v is None else v
        if v is None:
            return None
        if ty == "timestamp":
            return fmt_timestamp(v)
        return v

    def create(self, t):
        n = qident_backslash(t["name"])
        cols = ", ".join(
            f"{qident_backslash(c)} {self.PHYS[ty]}" for c, ty in zip(t["columns"], t["types"])
        )
        self._exec(f"DROP TABLE IF EXISTS {n}")
        self._exec(f"CREATE TABLE {n} ({cols}) ENGINE = Memory")
        if t["rows"]:
            for r in t["rows"]:
                for v, ty in zip(r, t["types"]):
                    if ty == "text_list" and v is not None and None in v:
                        raise SetupError(
                            f"table {t['name']}: a ClickHouse Array(String) cannot hold NULL items"
                        )
            lines = []
            for r in t["rows"]:
                obj = {
                    c: self.phys_value(v, ty) for c, v, ty in zip(t["columns"], r, t["types"])
                }
                lines.append(json.dumps(obj, ensure_ascii=False, allow_nan=False))
            # JSON input: no literal escaping to get wrong with hostile strings.
            self._exec(
                f"INSERT INTO {n} SETTINGS input_format_json_read_numbers_as_strings = 0 "
                f"FORMAT JSONEachRow\n" + "\n".join(lines) + "\n"
            )

    def query(self, sql):
        res = self._exec(sql, "JSONCompact")
        raw = res.bytes()
        if not raw.strip():
            return [], []
        doc = json.loads(raw)
        meta = doc.get("meta", [])
        cols = [m["name"] for m in meta]
        types = [m["type"] for m in meta]
        rows = [
            [_Converted(ch_convert(v, ty)) for v, ty in zip(r, types)] for r in doc.get("data", [])
        ]
        return cols, rows

    def convert(self, value):
        if isinstance(value, _Converted):
            return value.v
        return norm(value)

    def close(self):
        try:
            self._exec(f"DROP DATABASE IF EXISTS {qident(self.db, '`')}")
        except Exception:
            pass
        try:
            self.sess.close()
        except Exception:
            pass
        shutil.rmtree(self.tmp, ignore_errors=True)


class _Converted:
    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v


def spark_error(e):
    """Spark's message without the logical plan it appends to analysis errors."""
    lines = clean_error(e).split("\n")
    keep = []
    for line in lines:
        if re.match(r"\s*('|\+- |:- |[A-Z][A-Za-z]+ \[)", line):
            break
        keep.append(line)
    msg = "\n".join(keep).strip()
    return msg[:-1] if msg.endswith(";") else msg


class Spark(Engine):
    name = "spark"
    PHYS = {
        "text": "STRING",
        "integer": "BIGINT",
        "number": "DOUBLE",
        "boolean": "BOOLEAN",
        "timestamp": "TIMESTAMP_NTZ",
        "text_list": "ARRAY<STRING>",
    }

    def connect(self):
        os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        self.tmp = tempfile.mkdtemp(prefix="reportc-spark-")
        self.oldcwd = os.getcwd()
        os.chdir(self.tmp)  # Spark/Derby write files into the cwd
        # Quiet JVM logging (errors only) so stderr stays readable.
        log4j = os.path.join(self.tmp, "log4j2.properties")
        with open(log4j, "w") as f:
            f.write(
                "rootLogger.level = error\n"
                "rootLogger.appenderRef.stderr.ref = console\n"
                "appender.console.type = Console\n"
                "appender.console.name = console\n"
                "appender.console.target = SYSTEM_ERR\n"
                "appender.console.layout.type = PatternLayout\n"
                "appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n\n"
            )
        import logging
        import warnings

        warnings.filterwarnings("ignore")
        # PySpark logs every failed query (with a JVM stack) through this logger;
        # the error is reported in the query's result instead.
        logging.getLogger("SQLQueryContextLogger").disabled = True
        logging.getLogger("py4j").setLevel(logging.ERROR)
        try:
            from pyspark.sql import SparkSession
        except Exception as e:
            raise SetupError(f"cannot import pyspark: {clean_error(e)}")
        try:
            b = (
                SparkSession.builder.master("local[2]")
                .appName("reportc-runner")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.warehouse.dir", os.path.join(self.tmp, "warehouse"))
                .config("spark.local.dir", os.path.join(self.tmp, "local"))
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.memory", "1g")
                .config(
                    "spark.driver.extraJavaOptions",
                    # C1-only JIT and serial GC: faster start for small test data.
                    f"-Duser.timezone=UTC -Dderby.system.home={self.tmp} "
                    f"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC "
                    f"-Dlog4j2.configurationFile=file:{log4j} "
                    + _env("REPORTC_SPARK_JAVA_OPTS", ""),
                )
                .config("spark.executor.extraJavaOptions", "-Duser.timezone=UTC")
            )
            self.spark = b.getOrCreate()
            self.spark.sparkContext.setLogLevel("ERROR")
        except Exception as e:
            raise SetupError(f"cannot start Spark: {clean_error(e)}")

    def version(self):
        return self.spark.version

    def create(self, t):
        # Rows go through a JSON-lines file read with an explicit schema: no literal
        # escaping, linear in the data (inline VALUES took seconds for thousands of rows).
        self.ntables = getattr(self, "ntables", 0) + 1
        path = os.path.join(self.tmp, f"table{self.ntables}.jsonl")
        keys = [f"c{i}" for i in range(len(t["columns"]))]
        with open(path, "w", encoding="utf-8") as f:
            for r in t["rows"]:
                obj = {}
                for k, v, ty in zip(keys, r, t["types"]):
                    if v is not None and ty == "timestamp":
                        v = v.strftime("%Y-%m-%d %H:%M:%S.%f")
                    obj[k] = v
                f.write(json.dumps(obj, ensure_ascii=False, allow_nan=False))
                f.write("\n")
        schema = ", ".join(f"{k} {self.PHYS[ty]}" for k, ty in zip(keys, t["types"]))
        df = (
            self.spark.read.schema(schema)
            .option("mode", "FAILFAST")
            .option("multiLine", "false")
            .option("timestampNTZFormat", "yyyy-MM-dd HH:mm:ss.SSSSSS")
            .option("allowNumericLeadingZeros", "false")
            .json(path)
        )
        df = df.toDF(*t["columns"])
        src = f"reportc_src_{self.ntables}"
        df.createOrReplaceTempView(src)
        # The name as a quoted SQL identifier (createOrReplaceTempView rejects some names).
        self.spark.sql(
            f"CREATE OR REPLACE TEMPORARY VIEW {qident(t['name'], '`')} AS SELECT * FROM {src}"
        )
        # Read it once here, so that a bad row is a setup error, not a query error.
        got = df.count()
        if got != len(t["rows"]):
            raise SetupError(f"table {t['name']}: Spark read {got} rows of {len(t['rows'])}")

    def query(self, sql):
        try:
            df = self.spark.sql(sql)
            cols = list(df.columns)
            rows = [tuple(r) for r in df.collect()]
        except Exception as e:
            raise RuntimeError(spark_error(e)) from None
        return cols, rows

    def close(self):
        try:
            self.spark.stop()
        except Exception:
            pass
        try:
            os.chdir(self.oldcwd)
        except Exception:
            pass
        shutil.rmtree(self.tmp, ignore_errors=True)


class Snowflake(Engine):
    """Snowflake emulated by fakesnow (PyPI), which transpiles each statement with sqlglot and
    runs it on DuckDB: a second opinion on Snowflake SQL, not proof (it accepts some SQL that
    Snowflake rejects). fakesnow pins its own duckdb/sqlglot and needs
    snowflake-connector-python<5, so it lives in its own venv (REPORTC_FAKESNOW_PYTHON, made by
    `scripts/engines.sh setup`): run under another interpreter, the runner re-executes itself
    with that one (`reexec_if_needed`).

    Names are stored as Snowflake stores those reportc writes: a regular name that is all
    lower or all upper case and not a reserved word (src/sql/reserved/snowflake.txt, the
    compiler's own list) is unquoted in reportc's SQL, so it is stored upper case; any other
    name is quoted, so it is stored exactly as written. Result column names are Snowflake's
    (unquoted aliases come back upper case). Lists are ARRAY (JSON underneath), read back as
    lists.
    """

    name = "snowflake"
    PHYS = {
        "text": "VARCHAR",
        "integer": "INTEGER",
        "number": "DOUBLE",
        "boolean": "BOOLEAN",
        "timestamp": "TIMESTAMP_NTZ",
        "text_list": "ARRAY",
    }
    # snowflake.connector type codes of semi-structured results (VARIANT, OBJECT, ARRAY)
    JSON_TYPE_CODES = (5, 9, 10)
    REGULAR = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

    @staticmethod
    def reexec_if_needed(argv):
        """Run this script under the fakesnow venv's interpreter unless fakesnow imports here.
        Called before stdin is read, so the input document passes through untouched."""
        try:
            import fakesnow  # noqa: F401
            import snowflake.connector  # noqa: F401

            return
        except ImportError:
            pass
        py = _env("REPORTC_FAKESNOW_PYTHON")
        if not py:
            raise SetupError(
                "fakesnow is not importable here and REPORTC_FAKESNOW_PYTHON is not set "
                '(run: scripts/engines.sh setup; eval "$(scripts/engines.sh env)")'
            )
        # (venv interpreters are symlinks to one binary: a marker, not the path, stops a loop)
        if os.environ.get("REPORTC_FAKESNOW_REEXEC"):
            raise SetupError(f"fakesnow is not importable by REPORTC_FAKESNOW_PYTHON={py}")
        if not os.access(py, os.X_OK):
            raise SetupError(f"REPORTC_FAKESNOW_PYTHON={py} is not an executable")
        os.environ["REPORTC_FAKESNOW_REEXEC"] = "1"
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(py, [py, os.path.abspath(argv[0])] + list(argv[1:]))

    @classmethod
    def reserved(cls):
        if not hasattr(cls, "_reserved"):
            root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
            path = _env(
                "REPORTC_SNOWFLAKE_RESERVED",
                os.path.join(root, "src", "sql", "reserved", "snowflake.txt"),
            )
            try:
                with open(path, encoding="utf-8") as f:
                    cls._reserved = {w.strip().upper() for w in f if w.strip()}
            except OSError as e:
                raise SetupError(f"cannot read the Snowflake reserved words ({path}): {e}")
        return cls._reserved

    @classmethod
    def stored_name(cls, name):
        """The name as Snowflake stores the identifier reportc writes for `name`."""
        uniform = name == name.lower() or name == name.upper()
        if cls.REGULAR.match(name) and uniform and name.upper() not in cls.reserved():
            return name.upper()
        return name

    def connect(self):
        try:
            import fakesnow
            import snowflake.connector
        except Exception as e:
            raise SetupError(f"cannot import fakesnow: {clean_error(e)}")
        import warnings

        # fakesnow warns on every result fetched through Arrow
        warnings.filterwarnings("ignore", category=UserWarning, module="fakesnow")
        self.mod = fakesnow
        self.patch = fakesnow.patch()
        self.patch.__enter__()
        self.con = snowflake.connector.connect(database="REPORTC", schema="RUN")
        self.cur = self.con.cursor()
        for sql in (
            "CREATE DATABASE IF NOT EXISTS REPORTC",
            "CREATE SCHEMA IF NOT EXISTS REPORTC.RUN",
            "USE SCHEMA REPORTC.RUN",
        ):
            self.cur.execute(sql)

    def version(self):
        from importlib.metadata import version

        return f"fakesnow {version('fakesnow')} (duckdb {version('duckdb')})"

    def create(self, t):
        n = qident(self.stored_name(t["name"]))
        cols = ", ".join(
            f"{qident(self.stored_name(c))} {self.PHYS[ty]}"
            for c, ty in zip(t["columns"], t["types"])
        )
        self.cur.execute(f"CREATE OR REPLACE TABLE {n} ({cols})")
        if not t["rows"]:
            return
        # bound parameters (no literal escaping); lists go in as JSON text through PARSE_JSON
        sel = ", ".join(
            f"PARSE_JSON(column{i + 1})" if ty == "text_list" else f"column{i + 1}"
            for i, ty in enumerate(t["types"])
        )
        ph = ", ".join("%s" for _ in t["columns"])
        rows = [
            [self.phys_value(v, ty) for v, ty in zip(r, t["types"])] for r in t["rows"]
        ]
        self.cur.executemany(f"INSERT INTO {n} SELECT {sel} FROM VALUES ({ph})", rows)

    @staticmethod
    def phys_value(v, ty):
        if v is None:
            return None
        if ty == "timestamp":
            return fmt_timestamp(v)
        if ty == "text_list":
            return json.dumps(v, ensure_ascii=False)
        return v

    def query(self, sql):
        self.cur.execute(sql)
        if self.cur.description is None:
            return [], []
        desc = self.cur.description
        cols = [d[0] for d in desc]
        rows = self.cur.fetchall()
        json_cols = [i for i, d in enumerate(desc) if d[1] in self.JSON_TYPE_CODES]
        if json_cols:
            out = []
            for r in rows:
                r = list(r)
                for i in json_cols:
                    if isinstance(r[i], str):
                        try:
                            r[i] = json.loads(r[i])
                        except ValueError:
                            pass
                out.append(r)
            rows = out
        return cols, rows

    def close(self):
        for f in (lambda: self.con.close(), lambda: self.patch.__exit__(None, None, None)):
            try:
                f()
            except Exception:
                pass


ENGINE_CLASSES = {
    "duckdb": DuckDB,
    "sqlite": SQLite,
    "postgres": Postgres,
    "mysql": MySQL,
    "clickhouse": ClickHouse,
    "spark": Spark,
    "snowflake": Snowflake,
}


# --------------------------------------------------------------------------- main


def run_engine(name, doc):
    tables = load_tables(doc)
    queries = load_queries(doc)
    eng = ENGINE_CLASSES[name]()
    try:
        try:
            eng.connect()
            version = str(eng.version())
        except SetupError:
            raise
        except Exception as e:
            raise SetupError(f"{name}: cannot start or reach the engine: {clean_error(e)}")
        for t in tables:
            try:
                eng.create(t)
            except SetupError:
                raise
            except Exception as e:
                raise SetupError(f"{name}: cannot create table {t['name']!r}: {clean_error(e)}")
        results = []
        for q in queries:
            try:
                cols, rows = eng.query(q["sql"])
                results.append(
                    {
                        "id": q["id"],
                        "columns": [str(c) for c in cols],
                        "rows": [[eng.convert(v) for v in r] for r in rows],
                    }
                )
            except Exception as e:
                results.append({"id": q["id"], "error": clean_error(e)})
        return {"engine": name, "version": version, "results": results}
    finally:
        eng.close()


def run_sqlglot(doc):
    import sqlglot
    import sqlglot.errors

    dialect = doc.get("dialect")
    if not isinstance(dialect, str):
        raise InputError("'dialect' must be a string")
    try:
        sqlglot.Dialect.get_or_raise(dialect)
    except Exception as e:
        raise InputError(f"unknown sqlglot dialect {dialect!r}: {clean_error(e)}")
    results = []
    for q in load_queries(doc):
        try:
            sqlglot.parse(q["sql"], read=dialect)
            results.append({"id": q["id"], "ok": True})
        except sqlglot.errors.SqlglotError as e:
            results.append({"id": q["id"], "ok": False, "error": clean_error(e)})
        except RecursionError as e:
            results.append({"id": q["id"], "ok": False, "error": f"recursion: {e}"})
    return {"dialect": dialect, "version": sqlglot.__version__, "results": results}


def main(argv):
    if len(argv) != 2 or argv[1] not in ENGINES + ("sqlglot-parse",):
        sys.stderr.write(
            f"usage: {os.path.basename(argv[0])} ENGINE < input.json\n"
            f"  ENGINE: {' | '.join(ENGINES + ('sqlglot-parse',))}\n"
        )
        return 2
    if argv[1] == "snowflake":
        try:
            Snowflake.reexec_if_needed(argv)
        except SetupError as e:
            sys.stderr.write(f"runner: snowflake: setup error: {e}\n")
            return 3
    os.environ["TZ"] = "UTC"
    if hasattr(time, "tzset"):
        time.tzset()
    # Engines (JVM, ClickHouse) may write to fd 1: keep the real stdout for the
    # JSON document only and send everything else to stderr.
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    sys.stdout.flush()
    os.dup2(2, 1)
    try:
        raw = sys.stdin.buffer.read()
        try:
            doc = json.loads(raw.decode("utf-8"))
        except Exception as e:
            raise InputError(f"input is not a JSON document: {e}")
        if not isinstance(doc, dict):
            raise InputError("input must be a JSON object")
        if argv[1] == "sqlglot-parse":
            result = run_sqlglot(doc)
        else:
            result = run_engine(argv[1], doc)
    except InputError as e:
        sys.stderr.write(f"runner: bad input: {e}\n")
        return 2
    except SetupError as e:
        sys.stderr.write(f"runner: {argv[1]}: setup error: {e}\n")
        return 3
    except ImportError as e:
        sys.stderr.write(f"runner: {argv[1]}: setup error: missing module: {e}\n")
        return 3
    out.write(json.dumps(result, ensure_ascii=False, allow_nan=False))
    out.write("\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
