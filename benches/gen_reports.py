#!/usr/bin/env python3
"""Write N report files for the folder benchmarks (`reportc check` over many files).

Usage: python3 benches/gen_reports.py N OUT_DIR [STEM]

The reports are the examples of `reports/` (YAML and DSL; with STEM only `reports/STEM.yaml`,
e.g. `whatsapp_abandons`), taken in turn, each renamed
(`report: NAME_000042`) and with a limit of its own, so that no two files are equal. Files go
in sub-folders of 500 (`OUT_DIR/000/...`), as a project keeps them. The same N gives the same
files, byte for byte. The folder is emptied of earlier reports first.
"""

import pathlib
import re
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
PER_FOLDER = 500


def templates(stem):
    out = []
    for p in sorted((ROOT / "reports").iterdir()):
        if stem is not None and p.name != f"{stem}.yaml":
            continue
        if p.suffix in (".yaml", ".rpt"):
            out.append((p.suffix, p.read_text(encoding="utf-8")))
    if not out:
        sys.exit("no report in reports/")
    return out


def variant(suffix, text, i):
    tag = f"{i:06d}"
    if suffix == ".yaml":
        text, n = re.subn(r"^report: (\w+)", rf"report: \g<1>_{tag}", text, count=1, flags=re.M)
        limit = re.sub(r"^limit: \d+", f"limit: {10 + i % 990}", text, flags=re.M)
    else:
        text, n = re.subn(r"^report (\w+)", rf"report \g<1>_{tag}", text, count=1, flags=re.M)
        limit = re.sub(r"^limit \d+", f"limit {10 + i % 990}", text, flags=re.M)
    if n != 1:
        sys.exit(f"a template has no report name line: {text[:60]!r}")
    return limit


def main():
    if len(sys.argv) not in (3, 4) or not sys.argv[1].isdigit():
        sys.exit(__doc__)
    n, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
    stem = sys.argv[3] if len(sys.argv) == 4 else None
    if out.exists():
        shutil.rmtree(out)
    ts = templates(stem)
    for i in range(n):
        suffix, text = ts[i % len(ts)]
        folder = out / f"{i // PER_FOLDER:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        name = re.search(r"^report:? (\w+)", text, flags=re.M).group(1)
        (folder / f"{name}_{i:06d}{suffix}").write_text(variant(suffix, text, i), encoding="utf-8")
    print(f"{n} reports in {out}")


if __name__ == "__main__":
    main()
