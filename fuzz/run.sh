#!/usr/bin/env bash
# Run every fuzz target for SECONDS each (default 45); exit non-zero at the first crash.
# Installs cargo-fuzz when missing, seeds the corpus (kept outside the clone, so that it grows
# across runs on one machine), builds the targets once (outside the clone too).
# Usage: fuzz/run.sh [SECONDS] [TARGET...]   (README "Fuzzing")
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
secs="${1:-45}"
shift || true
target_dir="${FUZZ_TARGET_DIR:-$HOME/.cache/reportc/fuzz-target}"
corpus="${FUZZ_CORPUS:-$HOME/.cache/reportc/fuzz-corpus}"

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: the nightly toolchain is missing (cargo-fuzz needs it)" >&2
  exit 1
fi
if ! command -v cargo-fuzz >/dev/null; then
  start=$SECONDS
  # Its own temporary target dir, not the project's CARGO_TARGET_DIR.
  env -u CARGO_TARGET_DIR cargo install cargo-fuzz --locked
  echo "fuzz: cargo-fuzz installed in $((SECONDS - start)) s"
fi
# The top-level `cargo fmt --all` does not see this workspace.
cargo fmt --manifest-path fuzz/Cargo.toml -- --check
fuzz/seed.sh "$corpus"
start=$SECONDS
cargo +nightly fuzz build -s none --target-dir "$target_dir"
echo "fuzz: targets built in $((SECONDS - start)) s"
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || mapfile -t targets < <(cargo +nightly fuzz list)
for t in "${targets[@]}"; do
  # The kept reproducers of fixed bugs first: each runs once.
  shopt -s nullglob
  kept=(fuzz/regressions/"$t"/*)
  shopt -u nullglob
  if [ "${#kept[@]}" -gt 0 ]; then
    echo "fuzz: ${t}: replaying ${#kept[@]} file(s) of fuzz/regressions/${t}"
    # a generous timeout: a kept input may be huge (60,000 conditions compiled 28 times and
    # re-parsed take 22 s of CPU in the instrumented build, fuzz/FINDINGS.md finding 6)
    timeout -s KILL 900 \
      cargo +nightly fuzz run -s none --target-dir "$target_dir" "$t" "${kept[@]}" -- -timeout=300
  fi
  echo "fuzz: ${t} for ${secs} s"
  # -s none: safe Rust, AddressSanitizer would only halve the speed. -timeout: an input that
  # takes 30 s (FUZZ_TIMEOUT) is a hang (huge_input's largest inputs take seconds here); -rss_limit_mb: a blow-up. The outer `timeout`: libFuzzer's timeout
  # handler can deadlock in malloc (seen here, fuzz/FINDINGS.md), which must not hang CI.
  timeout -s KILL $((secs + 300)) cargo +nightly fuzz run -s none --target-dir "$target_dir" "$t" "$corpus/$t" -- \
    -dict=fuzz/report.dict -timeout="${FUZZ_TIMEOUT:-30}" -rss_limit_mb=4096 -max_total_time="$secs" \
    -print_final_stats=1
done
