#!/usr/bin/env bash
# Build the seed corpora fuzz/corpus/<target>/ from the reports, test inputs and catalogues of
# the repository. Idempotent: seeds are named `seed-<path>`, and the inputs libFuzzer added
# (named by their SHA-1) are kept. Usage: fuzz/seed.sh [CORPUS_ROOT] (default fuzz/corpus).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="${1:-fuzz/corpus}"

seed() { # seed TARGET PREFIX FILE...: copy each FILE, PREFIX bytes first, into TARGET's corpus
  local target="$1" prefix="$2" f
  shift 2
  mkdir -p "$root/$target"
  for f in "$@"; do
    [ -f "$f" ] || continue
    { printf '%s' "$prefix"; cat "$f"; } >"$root/$target/seed-${f//\//_}"
  done
}

yaml=(reports/*.yaml tests/bad/*.yaml tests/conformance/*.yaml tests/user_catalog/*.yaml
  tests/fixtures/custom_report.yaml tests/fixtures/acme_daily_waits.yaml tests/fixtures/dsl/*.yaml)
dsl=(reports/*.rpt tests/bad_dsl/*.rpt tests/fixtures/dsl/*.rpt)
catalogs=(catalog/messaging.yaml tests/fixtures/*catalog*.yaml tests/bad_catalogs/*.yaml)

seed yaml_check "" "${yaml[@]}"
seed dsl_check "" "${dsl[@]}"
seed parsers_agree "" "${dsl[@]}" "${yaml[@]}"
# compile_all: the first byte picks the format (odd `Y`: YAML, even `D`: DSL).
seed compile_all Y "${yaml[@]}"
seed compile_all D "${dsl[@]}"
seed catalog_load "" "${catalogs[@]}"

# huge_input: shape byte, count (u16 little-endian, doubled), fragment (see fuzz/src/lib.rs).
huge() { # huge NAME SHAPE COUNT FRAGMENT
  mkdir -p "$root/huge_input"
  printf "\\x$(printf %02x "$2")\\x$(printf %02x $(($3 & 255)))\\x$(printf %02x $(($3 >> 8)))%s" "$4" \
    >"$root/huge_input/seed-$1"
}
huge and_chain 0 500 "status = 'SENT'"
huge yaml_filters 1 500 "credits > 1"
huge long_line 2 2000 "status = = 1"
huge yaml_long_line 3 2000 "credits >"
huge nesting 4 60 "credits > 1"
huge many_outputs 5 300 "sum(credits)"
huge or_chain 6 500 "origin = 'x'"
huge repeat 7 100 "select n = count()"
echo "seeds in $root: $(for t in "$root"/*/; do printf '%s=%s ' "$(basename "$t")" "$(ls "$t" | wc -l)"; done)"
