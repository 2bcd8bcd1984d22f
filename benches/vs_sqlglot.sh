#!/usr/bin/env bash
# End to end against sqlglot: N reports compiled by one `reportc compile` process, against N
# transpiles of the same query by one Python process with sqlglot (its import included, as a
# user pays it). Prints each run's CPU (user + sys, from /usr/bin/time) and the median ratio
# sqlglot / reportc, per report.
#
# Usage: benches/vs_sqlglot.sh [RUNS]          (default 5 runs, medians reported)
# Env:   REPORTC   the binary (default target/release/reportc; build it with
#                  `cargo build --release`)
#        PYTHON    a Python with sqlglot (default ~/.cache/reportc/venv/bin/python, which
#                  `scripts/engines.sh setup` makes)
#        REPORTS   stems of reports/*.yaml to compare (default whatsapp_abandons); add the
#                  KPI and join reports here when they land
#        N         reports per process (default 600); DIALECT the target (default duckdb),
#                  FROM the dialect sqlglot reads (default postgres: reportc's SQL for it)
# Take the numbers on a quiet machine (`uptime`), and repeat.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS="${1:-5}"
N="${N:-600}"
DIALECT="${DIALECT:-duckdb}"
FROM="${FROM:-postgres}"
REPORTS="${REPORTS:-whatsapp_abandons}"
REPORTC="${REPORTC:-${CARGO_TARGET_DIR:-target}/release/reportc}"
PYTHON="${PYTHON:-$HOME/.cache/reportc/venv/bin/python}"
[ -x "$REPORTC" ] || { echo "no reportc at $REPORTC: cargo build --release" >&2; exit 2; }
"$PYTHON" -c 'import sqlglot' 2>/dev/null || { echo "no sqlglot in $PYTHON" >&2; exit 2; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cat >"$WORK/transpile.py" <<'PY'
import sys
import sqlglot

sql = open(sys.argv[1], encoding="utf-8").read()
n, read, write = int(sys.argv[2]), sys.argv[3], sys.argv[4]
for _ in range(n):
    out = sqlglot.transpile(sql, read=read, write=write, pretty=True)
if not out:
    sys.exit("sqlglot gave nothing")
PY

# CPU seconds (user + sys) of one run of a command, its output thrown away.
cpu() {
  /usr/bin/time -f "%U %S" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" ||
    { cat "$WORK/stderr" >&2; exit 1; }
  awk '{printf "%.3f\n", $1 + $2}' "$WORK/time"
}
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo "# $(uptime)"
echo "# $N per process, reportc -> $DIALECT, sqlglot $FROM -> $DIALECT, $RUNS runs"
for stem in $REPORTS; do
  dir="$WORK/$stem"
  python3 benches/gen_reports.py "$N" "$dir" "$stem" >/dev/null
  "$REPORTC" compile -d "$FROM" "reports/$stem.yaml" >"$WORK/$stem.sql"
  : >"$WORK/r"
  : >"$WORK/s"
  for _ in $(seq "$RUNS"); do
    cpu "$REPORTC" compile -d "$DIALECT" "$dir" >>"$WORK/r"
    cpu "$PYTHON" "$WORK/transpile.py" "$WORK/$stem.sql" "$N" "$FROM" "$DIALECT" >>"$WORK/s"
  done
  r=$(median <"$WORK/r")
  s=$(median <"$WORK/s")
  echo "$stem: reportc $(tr '\n' ' ' <"$WORK/r")-> median $r s; sqlglot $(tr '\n' ' ' <"$WORK/s")-> median $s s; ratio $(awk -v s="$s" -v r="$r" 'BEGIN {printf "%.1f", s / r}')x"
done
