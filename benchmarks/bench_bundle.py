"""The built bundle (dist/boardpack, from packaging/build.sh): its size by folder, and its
cold start beside `python -m app` in the same run (alternating, median of several).

    .venv/bin/python benchmarks/bench_bundle.py [--runs 5] [--top 15]

Cold start is the window's first paint on the sample, from process start
(BOARDPACK_STARTUP_PROBE), as the start-up budget measures it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import private_user_folders  # noqa: E402

BUNDLE = ROOT / "dist" / "boardpack"


def size_mb(path: Path) -> float:
    """In MiB, as `du -sm` (packaging/build.sh) counts; links count nothing."""
    files = [path] if not path.is_dir() else list(path.rglob("*"))
    return sum(f.lstat().st_size for f in files if f.is_file() and not f.is_symlink()) / 2**20


def sizes(top: int) -> None:
    internal = BUNDLE / "_internal"
    print(f"bundle {BUNDLE}: {size_mb(BUNDLE):.1f} MB")
    parts = sorted(((size_mb(p), p.name) for p in internal.iterdir()), reverse=True)
    for mb, name in parts[:top]:
        print(f"  {mb:7.1f} MB  {name}")
    rest = sum(mb for mb, _ in parts[top:])
    print(f"  {rest:7.1f} MB  the other {max(len(parts) - top, 0)} entries")


def first_paint(command: list[str]) -> float:
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "BOARDPACK_STARTUP_PROBE": "1"}).stdout
    return float(out.split()[1])  # "first-paint SECONDS cpu SECONDS"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--top", type=int, default=15)
    args = p.parse_args()
    if not (BUNDLE / "Boardpack").exists():
        print("no bundle: run packaging/build.sh first", file=sys.stderr)
        return 2
    sizes(args.top)
    private_user_folders()
    commands = {"bundle": [str(BUNDLE / "Boardpack")],
                "python -m app": [str(ROOT / ".venv" / "bin" / "python"), "-m", "app"]}
    for command in commands.values():
        first_paint(command)  # the first start copies the sample and warms the disk cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(first_paint(command))
    for name, seconds in times.items():
        print(f"cold start to first paint, {name:<14} {statistics.median(seconds) * 1000:7.0f} ms"
              f"  (median of {args.runs}; {', '.join(f'{s:.2f}' for s in seconds)} s)")
    ratio = statistics.median(times["bundle"]) / statistics.median(times["python -m app"])
    print(f"bundle / python -m app: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
