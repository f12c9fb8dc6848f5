"""Lint throughput: rows per second in-process, and whole-process time against
frictionless validating the same CSV with an equivalent Table Schema.

    python bench/lint_throughput.py [--rows 10000 100000] [--skip-frictionless]

Prints numbers; passes or fails nothing. Targets (issue 2): >= 50,000 rows/s for the
full rule set in-process on one core, and >= 7x faster than frictionless whole process
against whole process.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from messy_rows import HEADERS, STATUS, write_csv  # noqa: E402

from tasklint.connectors.files import FileSource, read_file  # noqa: E402
from tasklint.connectors.rows import ParseOptions  # noqa: E402
from tasklint.validators.engine import lint  # noqa: E402

TODAY = date(2025, 6, 20)


def in_process(path: Path) -> tuple[float, float, int]:
    started = time.perf_counter()
    table = read_file(FileSource(path), ParseOptions(today=TODAY)).table
    read_done = time.perf_counter()
    result = lint(table, today=TODAY, locale="zh")
    lint_done = time.perf_counter()
    findings = sum(len(t.findings) for t in result.tasks)
    return read_done - started, lint_done - read_done, findings


def whole_process(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def schema_for_frictionless() -> dict:
    """The checks frictionless can express: required title, typed dates and numbers as
    strings with patterns it can check, an enum for status."""
    fields = [{"name": h, "type": "string"} for h in HEADERS]
    by_name = {f["name"]: f for f in fields}
    by_name["检查项目"]["constraints"] = {"required": True}
    by_name["责任部门/人"]["constraints"] = {"required": True}
    by_name["完成状态"]["constraints"] = {"enum": STATUS}
    by_name["截止日期"]["constraints"] = {"pattern": r"\d{4}[-/]\d{1,2}[-/]\d{1,2}.*|\d{1,2}月\d{1,2}日"}
    by_name["进度"]["constraints"] = {"pattern": r"\d+(\.\d+)?\s*[%％]?"}
    return {"fields": fields}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--skip-frictionless", action="store_true")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="tasklint-bench-"))
    schema = workdir / "schema.json"
    schema.write_text(json.dumps(schema_for_frictionless(), ensure_ascii=False), encoding="utf-8")
    print(f"{'rows':>8} {'read rows/s':>12} {'lint rows/s':>12} {'read+lint rows/s':>17} "
          f"{'findings':>9} {'tasklint s':>10} {'frictionless s':>14} {'ratio':>6}")
    for rows in args.rows:
        path = write_csv(workdir / f"plan-{rows}.csv", rows)
        read_s, lint_s, findings = in_process(path)
        tasklint_s = whole_process([sys.executable, "-m", "tasklint.cli", "check", str(path),
                                    "--format", "json", "--today", TODAY.isoformat()])
        if args.skip_frictionless:
            frictionless_s, ratio = float("nan"), float("nan")
        else:
            frictionless_s = whole_process([
                sys.executable, "-c",
                "import sys, frictionless;"
                "r = frictionless.validate(sys.argv[1], schema=sys.argv[2], limit_errors=10**9);"
                "print(r.stats)",
                str(path), str(schema),
            ])
            ratio = frictionless_s / tasklint_s
        print(f"{rows:>8} {rows / read_s:>12,.0f} {rows / lint_s:>12,.0f} "
              f"{rows / (read_s + lint_s):>17,.0f} {findings:>9} {tasklint_s:>10.2f} "
              f"{frictionless_s:>14.2f} {ratio:>6.1f}x")
    print("targets: lint rows/s >= 50,000 on one core; ratio >= 7x (whole process)")


if __name__ == "__main__":
    main()
