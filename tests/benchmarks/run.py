"""`make bench`: run every tests/benchmarks/bench_*.py, print each figure beside its target.

Each module has `run(record)`; `record(name, value, unit, target, higher_is_better=False)`
stores one figure. Results go to .bench/results.json as a list of
{name, value, unit, target, ok}; the previous run's value is shown beside
each figure so that any run can be compared with the last. Running a subset
(`run.py report`) keeps the other figures of the last run.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / ".bench" / "results.json"
for path in (ROOT, ROOT / "desktop"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))


def main(argv: list[str]) -> int:
    """Run the benchmarks whose file names contain any of `argv` (all when empty)."""
    previous = {}
    if RESULTS.exists():
        previous = {r["name"]: r for r in json.loads(RESULTS.read_text())}
    results: list[dict[str, Any]] = []

    def record(
        name: str, value: float, unit: str, target: float | None, higher_is_better: bool = False
    ) -> None:
        ok = None if target is None else (value >= target if higher_is_better else value <= target)
        results.append({"name": name, "value": value, "unit": unit, "target": target, "ok": ok})
        sign = "≥" if higher_is_better else "≤"
        goal = f"target {sign} {target:g} {unit}" if target is not None else "no target"
        verdict = {True: "ok", False: "MISSED", None: ""}[ok]
        before = previous.get(name)
        last = f"  (last run: {before['value']:.4g})" if before else ""
        print(f"  {name:<58} {value:>10.4g} {unit:<6} {goal:<22} {verdict}{last}", flush=True)

    modules = sorted((ROOT / "tests" / "benchmarks").glob("bench_*.py"))
    failed = 0
    for path in modules:
        if argv and not any(word in path.stem for word in argv):
            continue
        print(f"{path.stem}:", flush=True)
        started = time.perf_counter()
        try:
            spec = importlib.util.spec_from_file_location(path.stem, path)
            assert spec and spec.loader
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            module.run(record)
        except Exception:
            failed += 1
            traceback.print_exc()
        print(f"  ({time.perf_counter() - started:.1f} s)", flush=True)
    RESULTS.parent.mkdir(exist_ok=True)
    measured = {r["name"] for r in results}
    kept = [r for name, r in previous.items() if name not in measured] if argv else []
    RESULTS.write_text(json.dumps(kept + results, indent=2) + "\n")
    missed = [r["name"] for r in results if r["ok"] is False]
    print(
        f"\n{len(results)} figures, {len(missed)} missed their target, {failed} benchmarks failed."
    )
    print(f"Written to {RESULTS.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
