"""Start-up benchmark: each magcli case against `python -c pass`, interleaved.

    python benchmarks/startup.py            # every case, 21 runs each after a warm-up
    python benchmarks/startup.py --runs 31 --json results.json

Whole-process wall times are noisy on shared machines, so each case runs alternately
with `python -c pass` from the same interpreter, and the figure that counts is the median
of the per-pair ratios. .pyc files are compiled first and PYTHONDONTWRITEBYTECODE is
removed from the children's environment: without bytecode every start costs about twice
as much.

Peak RSS comes from wait4(). Linux counts, in a child's peak, the pages of the process it
was forked from, so the timing loop runs in a minimal helper (posix_spawn, wait4 and
perf_counter; about 9 MB): each figure is the larger of the helper's and magcli's own
peak, an upper bound on magcli's.
"""

from __future__ import annotations

import argparse
import compileall
import json
import marshal
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from bigcatalog import write_catalog  # noqa: E402 - the generator lives with the tests

BASELINE = [sys.executable, "-c", "pass"]


def magcli_command() -> list[str]:
    """The installed console script, as users run it (else python -m magcli)."""
    script = Path(sys.executable).with_name("magcli")
    return [str(script)] if script.exists() else [sys.executable, "-m", "magcli"]


def baseline_rss(env: dict[str, str]) -> float:
    """Peak RSS (MiB) of `python -c pass` as measured here: the floor of every figure."""
    return statistics.median(run_once(BASELINE, env, 0)[1] for _ in range(5)) / 1024


@dataclass
class Case:
    """One thing to time, and its target as a ratio to `python -c pass` (or seconds)."""

    name: str
    args: list[str]
    target_ratio: float | None = None
    target_seconds: float | None = None
    env: dict[str, str] = field(default_factory=dict)
    expect_code: int = 0
    new_width_each_run: bool = False  # defeat the render cache: a fresh table every run


@dataclass
class Result:
    """Timings of one case."""

    case: Case
    seconds: list[float]
    ratios: list[float]
    peak_rss_kb: int

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def median_ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def met(self) -> bool | None:
        if self.case.target_ratio is not None:
            return self.median_ratio <= self.case.target_ratio
        if self.case.target_seconds is not None:
            return statistics.median(self.seconds) <= self.case.target_seconds
        return None


# The helper that spawns and times the runs: nothing but builtins and os, so that its
# own small footprint is all that can leak into a child's peak RSS.
HELPER = """
import marshal, os, sys, time
jobs = marshal.loads(bytes.fromhex(sys.argv[1]))
null = os.open(os.devnull, os.O_WRONLY)
actions = [(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)]
for argv, env, expect in jobs:
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    spent = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    print(repr(spent), usage.ru_maxrss, code, flush=True)
"""


def run_jobs(jobs: list[tuple[list[str], dict[str, str], int]]) -> list[tuple[float, int]]:
    """Wall seconds and peak RSS (KiB) of each job, run in order by the helper."""
    output = subprocess.run(
        [sys.executable, "-c", HELPER, marshal.dumps(jobs).hex()],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = []
    for (argv, _, expect), line in zip(jobs, output.splitlines(), strict=True):
        spent, rss, code = line.split()
        if int(code) != expect:
            raise SystemExit(f"{' '.join(argv)} exited {code}, not {expect}")
        found.append((float(spent), int(rss)))
    return found


def run_once(argv: list[str], env: dict[str, str], expect_code: int) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one process."""
    return run_jobs([(argv, env, expect_code)])[0]


def measure(case: Case, runs: int, base_env: dict[str, str]) -> Result:
    env = {**base_env, **case.env}
    argv = magcli_command() + case.args
    baseline = (BASELINE, env, 0)
    jobs = []
    for number in range(runs + 2):
        run_env = {**env, "COLUMNS": str(90 + number)} if case.new_width_each_run else env
        jobs += [baseline, (argv, run_env, case.expect_code)]
    # Two warm-up pairs (caches, .pyc files, the OS's file cache), then the timed pairs.
    timed = run_jobs(jobs)[4:]
    seconds, ratios, peak = [], [], 0
    for (floor, _), (spent, rss) in zip(timed[0::2], timed[1::2], strict=True):
        seconds.append(spent)
        ratios.append(spent / floor)
        peak = max(peak, rss)
    return Result(case, seconds, ratios, peak)


def prepare_bytecode() -> None:
    """Compile magcli and everything it imports, so no run pays for compiling."""
    purelib = Path(sysconfig.get_paths()["purelib"])
    for name in ("magcli", "typer", "rich", "pydantic", "pydantic_core", "click"):
        for base in (ROOT / "src", purelib):
            if (base / name).is_dir():
                compileall.compile_dir(base / name, quiet=1)


def cases(work: Path) -> list[Case]:
    big = write_catalog(work / "forms-10000.toml", 10_000)
    completion = {"_MAGCLI_COMPLETE": "complete_bash"}
    return [
        Case(
            "compare glycinate citrate --json", ["compare", "glycinate", "citrate", "--json"], 2.5
        ),
        Case("compare glycinate citrate (table)", ["compare", "glycinate", "citrate"], 7.0),
        # Reported, no target: a table for inputs not rendered before (here a new width
        # each run) is drawn by Rich, whose import alone is most of the time.
        Case(
            "same, a width never rendered before",
            ["compare", "glycinate", "citrate"],
            new_width_each_run=True,
        ),
        Case("list --json", ["list", "--json"], 3.0),
        Case("rank --for sleep --json", ["rank", "--for", "sleep", "--json"], 3.0),
        Case("--help", ["--help"]),
        Case("error: compare glycinate citrat", ["compare", "glycinate", "citrat"], expect_code=2),
        Case(
            "TAB: magcli compare gly<TAB>",
            [],
            2.5,
            env=completion | {"COMP_WORDS": "magcli compare gly", "COMP_CWORD": "2"},
        ),
        Case(
            "TAB: magcli co<TAB>",
            [],
            2.5,
            env=completion | {"COMP_WORDS": "magcli co", "COMP_CWORD": "1"},
        ),
        Case(
            "list --json, 10,000 forms", ["list", "--json", "--data", str(big)], target_seconds=1.0
        ),
    ]


def growth(work: Path, base_env: dict[str, str], runs: int) -> list[tuple[int, float]]:
    """Median seconds of `list --json` over catalogues of growing size."""
    found = []
    for count in (1000, 2500, 5000, 10_000):
        path = write_catalog(work / f"forms-{count}.toml", count)
        argv = [*magcli_command(), "list", "--json", "--data", str(path)]
        timed = run_jobs([(argv, base_env, 0)] * (max(5, runs // 3) + 1))[1:]  # 1 warm-up
        found.append((count, statistics.median(spent for spent, _ in timed)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="timed runs a case (>= 15)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--only", help="only the cases whose name contains this")
    options = parser.parse_args()
    if options.runs < 15:
        parser.error("--runs must be at least 15")

    prepare_bytecode()
    base_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for key in ("MAGCLI_DATA", "MAGCLI_DEBUG", "COLUMNS", "FORCE_COLOR"):
        base_env.pop(key, None)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        # A private cache folder, so the benchmark neither uses nor disturbs the user's.
        base_env["XDG_CACHE_HOME"] = str(work / "cache")
        print(f"python -c pass: peak RSS {baseline_rss(base_env):.1f} MB as measured here")
        results = []
        for case in cases(work):
            if options.only and options.only not in case.name:
                continue
            results.append(measure(case, options.runs, base_env))
            print_row(results[-1])
        sizes = growth(work, base_env, options.runs) if not options.only else []
        shutil.rmtree(work / "cache", ignore_errors=True)
    if sizes:
        print("\nlist --json by catalogue size (median seconds, ms per 1,000 forms):")
        for count, seconds in sizes:
            print(f"  {count:>6,} forms  {seconds:6.3f} s  {seconds / count * 1e6:6.1f} ms")
        first, last = sizes[0], sizes[-1]
        slope = (last[1] - first[1]) / (last[0] - first[0])
        linear = all(
            abs((seconds - first[1]) - slope * (count - first[0])) <= 0.15 * last[1]
            for count, seconds in sizes
        )
        print(f"  grows linearly (within 15% of a straight line): {'yes' if linear else 'NO'}")
    if options.json:
        Path(options.json).write_text(
            json.dumps(
                {
                    "python": sys.version.split()[0],
                    "runs": options.runs,
                    "cases": [
                        {
                            "name": r.case.name,
                            "median_ms": round(r.median_ms, 1),
                            "median_ratio": round(r.median_ratio, 2),
                            "peak_rss_mb": round(r.peak_rss_kb / 1024, 1),
                            "target_ratio": r.case.target_ratio,
                            "target_seconds": r.case.target_seconds,
                            "met": r.met,
                        }
                        for r in results
                    ],
                    "growth": sizes,
                },
                indent=2,
            )
        )


def print_row(result: Result) -> None:
    if not hasattr(print_row, "header"):
        print(f"{'case':<38} {'median':>8} {'ratio':>6} {'RSS':>7}  target")
        print_row.header = True  # type: ignore[attr-defined]
    case = result.case
    if case.target_ratio is not None:
        target = f"<= {case.target_ratio}x"
    elif case.target_seconds is not None:
        target = f"<= {case.target_seconds} s"
    elif case.new_width_each_run:
        target = "(reported)"
    else:
        target = "(no slower than before)"
    verdict = {True: "met", False: "MISSED", None: ""}[result.met]
    print(
        f"{case.name:<38} {result.median_ms:6.1f}ms {result.median_ratio:5.1f}x "
        f"{result.peak_rss_kb / 1024:5.1f}MB  {target} {verdict}",
        flush=True,
    )


if __name__ == "__main__":
    main()
