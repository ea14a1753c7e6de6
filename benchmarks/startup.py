"""Start-up benchmark: every magcli case against a do-nothing console script and against
`python -c pass`, interleaved.

    python benchmarks/startup.py            # every case, 21 runs each after a warm-up
    python benchmarks/startup.py --runs 31 --json results.json

It times the `magcli` script beside the running Python (run it from the environment you
want to measure). The do-nothing script is written into a temporary folder with the
same interpreter and the same two lines pip's console scripts start with (`import re`,
`import sys`): the floor of any pip-installed Python command.

Whole-process wall times are noisy on shared machines, so each case runs in turn with
`python -c pass` and the do-nothing script, and the figures that count are the medians
of the per-run ratios. .pyc files are compiled first and PYTHONDONTWRITEBYTECODE is
removed from the children's environment: without bytecode every start costs about twice
as much.

Three kinds of case:
- a repeated run (the run cache answers it): the same command every time;
- a new invocation: a variable no run reads is set to a new value every run, so the run
  cache misses and the command line runs in full, as for a command not typed before
  (a TAB this way is answered by the completion index);
- a first run ever: a new, empty cache folder every run.

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
NOTHING = f"""#!{sys.executable}
import re
import sys
if __name__ == "__main__":
    sys.argv[0] = re.sub(r"(-script\\.pyw|\\.exe)?$", "", sys.argv[0])
    sys.exit(0)
"""


def magcli_command() -> list[str]:
    """The installed console script, as users run it (else python -m magcli)."""
    script = Path(sys.executable).with_name("magcli")
    return [str(script)] if script.exists() else [sys.executable, "-m", "magcli"]


@dataclass
class Case:
    """One thing to time, and its target as a ratio to the do-nothing script."""

    name: str
    args: list[str]
    target: float | None = None
    env: dict[str, str] = field(default_factory=dict)
    expect_code: int = 0
    fresh: str = ""  # "run": a new invocation every run; "cache": a new cache folder


@dataclass
class Result:
    """Timings of one case."""

    case: Case
    seconds: list[float]
    ratios: list[float]  # to the do-nothing script
    ratios_pass: list[float]  # to python -c pass
    peak_rss_kb: int

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def median_ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def median_ratio_pass(self) -> float:
        return statistics.median(self.ratios_pass)

    @property
    def met(self) -> bool | None:
        if self.case.target is None:
            return None
        return self.median_ratio <= self.case.target


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


def measure(case: Case, runs: int, env: dict[str, str], nothing: str, work: Path) -> Result:
    env = {**env, **case.env}
    argv = magcli_command() + case.args
    jobs = []
    for number in range(runs + 2):
        run_env = dict(env)
        if case.fresh == "run":
            run_env["MAGCLI_BENCHMARK_RUN"] = f"{case.name} {number}"
        elif case.fresh == "cache":
            run_env["XDG_CACHE_HOME"] = str(work / "cold" / f"{abs(hash(case.name))}-{number}")
        jobs += [(BASELINE, env, 0), ([nothing], env, 0), (argv, run_env, case.expect_code)]
    # Two warm-up rounds (the OS's file cache, and the run cache for repeated runs).
    timed = run_jobs(jobs)[6:]
    seconds, ratios, ratios_pass, peak = [], [], [], 0
    for (floor, _), (script, _), (spent, rss) in zip(
        timed[0::3], timed[1::3], timed[2::3], strict=True
    ):
        seconds.append(spent)
        ratios.append(spent / script)
        ratios_pass.append(spent / floor)
        peak = max(peak, rss)
    return Result(case, seconds, ratios, ratios_pass, peak)


def prepare_bytecode() -> None:
    """Compile magcli and everything it imports, so no run pays for compiling."""
    purelib = Path(sysconfig.get_paths()["purelib"])
    for name in ("magcli", "typer", "rich", "pydantic", "pydantic_core", "click"):
        for base in (ROOT / "src", purelib):
            if (base / name).is_dir():
                compileall.compile_dir(base / name, quiet=1)


def tab(words: str) -> dict[str, str]:
    return {
        "_MAGCLI_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }


REPEATED = [
    ("compare glycinate citrate", ["compare", "glycinate", "citrate"]),
    *(
        (f"compare glycinate citrate -f {fmt}", ["compare", "glycinate", "citrate", "-f", fmt])
        for fmt in ("json", "jsonl", "csv", "tsv", "markdown", "html")
    ),
    ("list", ["list"]),
    ("list --json", ["list", "--json"]),
    ("show oxide", ["show", "oxide"]),
    ("rank --for sleep", ["rank", "--for", "sleep"]),
    ("goals", ["goals"]),
    (
        "dose oxide --elemental 400 --age 35 --sex female",
        ["dose", "oxide", "--elemental", "400", "--age", "35", "--sex", "female"],
    ),
    ("intake --age 35 --sex female", ["intake", "--age", "35", "--sex", "female"]),
    ("interactions doxycycline", ["interactions", "doxycycline"]),
    ("foods --top 10", ["foods", "--top", "10"]),
    ("schema --command rank", ["schema", "--command", "rank"]),
    ("--help", ["--help"]),
]


def cases(work: Path) -> list[Case]:
    big = write_catalog(work / "forms-10000.toml", 10_000)
    found = [Case(f"again: {name}", args, 1.3) for name, args in REPEATED]
    found += [
        Case(
            "again: error: compare glycinate citrat",
            ["compare", "glycinate", "citrat"],
            1.3,
            expect_code=2,
        ),
        Case("again: TAB magcli compare gly", [], 1.3, env=tab("magcli compare gly")),
        Case("first TAB: magcli compare gly", [], 1.5, env=tab("magcli compare gly"), fresh="run"),
        Case(
            "first TAB: magcli interactions doxy",
            [],
            1.5,
            env=tab("magcli interactions doxy"),
            fresh="run",
        ),
        Case("first TAB: magcli co", [], 1.5, env=tab("magcli co"), fresh="run"),
        Case(
            "new: compare glycinate citrate --json",
            ["compare", "glycinate", "citrate", "--json"],
            fresh="run",
        ),
        Case("new: compare glycinate citrate", ["compare", "glycinate", "citrate"], fresh="run"),
        Case("new: show oxide", ["show", "oxide"], fresh="run"),
        Case("new: rank --for sleep --json", ["rank", "--for", "sleep", "--json"], fresh="run"),
        Case("new: --help", ["--help"], fresh="run"),
        Case(
            "new: error: compare glycinate citrat",
            ["compare", "glycinate", "citrat"],
            expect_code=2,
            fresh="run",
        ),
        Case(
            "first ever: compare glycinate citrate --json",
            ["compare", "glycinate", "citrate", "--json"],
            fresh="cache",
        ),
        Case("new: list --json, 10,000 forms", ["list", "--json", "--data", str(big)], fresh="run"),
    ]
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
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for key in ("MAGCLI_DATA", "MAGCLI_DEBUG", "MAGCLI_NO_CACHE", "COLUMNS", "FORCE_COLOR"):
        env.pop(key, None)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        nothing = work / "nothing"
        nothing.write_text(NOTHING)
        nothing.chmod(0o755)
        # A private cache folder, so the benchmark neither uses nor disturbs the user's.
        env["XDG_CACHE_HOME"] = str(work / "cache")
        for case in cases(work):
            if options.only and options.only not in case.name:
                continue
            results.append(measure(case, options.runs, env, str(nothing), work))
            print_row(results[-1])
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
                            "ratio_to_nothing": round(r.median_ratio, 2),
                            "ratio_to_pass": round(r.median_ratio_pass, 2),
                            "peak_rss_mb": round(r.peak_rss_kb / 1024, 1),
                            "target": r.case.target,
                            "met": r.met,
                        }
                        for r in results
                    ],
                },
                indent=2,
            )
        )


def print_row(result: Result) -> None:
    if not hasattr(print_row, "header"):
        print(f"{'case':<52} {'median':>8} {'script':>7} {'pass':>6} {'RSS':>7}  target")
        print_row.header = True  # type: ignore[attr-defined]
    case = result.case
    target = f"<= {case.target}x" if case.target is not None else "(reported)"
    verdict = {True: "met", False: "MISSED", None: ""}[result.met]
    print(
        f"{case.name[:52]:<52} {result.median_ms:6.1f}ms {result.median_ratio:6.2f}x "
        f"{result.median_ratio_pass:5.2f}x {result.peak_rss_kb / 1024:5.1f}MB  {target} {verdict}",
        flush=True,
    )


if __name__ == "__main__":
    main()
