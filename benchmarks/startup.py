"""Start-up benchmark: every magcli case against the program it must keep up with,
interleaved run by run.

    python benchmarks/startup.py            # every case, 21 runs each after a warm-up
    python benchmarks/startup.py --runs 31 --json results.json

It times the `magcli` script beside the running Python (run it from the environment you
want to measure) against two reference programs written into a temporary folder with
the same interpreter:
- a bare one-command Typer+Rich program that prints a two-row table: what any Python
  command line built on the same stack costs. A command line magcli has not run before
  is held to it.
- a do-nothing console script with the lines pip's console scripts start with (`import
  re`, `import sys`): the floor of any pip-installed Python command. A TAB is held to it.

Whole-process wall times are noisy on shared machines, so each case runs in turn with
its reference program and `python -c pass`, and the figures that count are the medians
of the per-run ratios. .pyc files are compiled first and PYTHONDONTWRITEBYTECODE is
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
# The same stack's floor for a command line: Typer parses, Rich draws a two-row table.
BARE = f"""#!{sys.executable}
import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()


@app.command()
def compare(first: str, second: str) -> None:
    table = Table()
    table.add_column("form")
    table.add_column("magnesium")
    table.add_row(first, "14.1%")
    table.add_row(second, "16.2%")
    Console().print(table)


if __name__ == "__main__":
    app()
"""


def magcli_command() -> list[str]:
    """The installed console script, as users run it (else python -m magcli)."""
    script = Path(sys.executable).with_name("magcli")
    return [str(script)] if script.exists() else [sys.executable, "-m", "magcli"]


@dataclass
class Case:
    """One thing to time, the program it is held to ("bare": the Typer+Rich program;
    "nothing": the do-nothing script) and its target as a ratio to that program."""

    name: str
    args: list[str]
    against: str = "bare"
    target: float | None = None
    env: dict[str, str] = field(default_factory=dict)
    expect_code: int = 0
    fresh: bool = False  # a new, empty index folder every run


@dataclass
class Result:
    """Timings of one case."""

    case: Case
    seconds: list[float]
    ratios: list[float]  # to the program the case is held to
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


def measure(
    case: Case, runs: int, env: dict[str, str], programs: dict[str, str], work: Path
) -> Result:
    env = {**env, **case.env}
    argv = magcli_command() + case.args
    reference = [
        programs[case.against],
        *(["glycinate", "citrate"] if case.against == "bare" else []),
    ]
    jobs = []
    for number in range(runs + 2):
        run_env = dict(env)
        if case.fresh:
            run_env["XDG_CACHE_HOME"] = str(work / "cold" / f"{abs(hash(case.name))}-{number}")
        jobs += [(BASELINE, env, 0), (reference, env, 0), (argv, run_env, case.expect_code)]
    timed = run_jobs(jobs)[6:]  # two warm-up rounds (the OS's file cache)
    seconds, ratios, ratios_pass, peak = [], [], [], 0
    for (floor, _), (held_to, _), (spent, rss) in zip(
        timed[0::3], timed[1::3], timed[2::3], strict=True
    ):
        seconds.append(spent)
        ratios.append(spent / held_to)
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


COMMAND_LINES = [
    ("compare glycinate citrate", ["compare", "glycinate", "citrate"]),
    ("compare glycinate citrate --json", ["compare", "glycinate", "citrate", "--json"]),
    ("compare glycinate citrate -f csv", ["compare", "glycinate", "citrate", "-f", "csv"]),
    ("compare glycinate citrate -f html", ["compare", "glycinate", "citrate", "-f", "html"]),
    ("show oxide", ["show", "oxide"]),
    ("list", ["list"]),
    ("rank sleep", ["rank", "sleep"]),
    ("goals", ["goals"]),
    (
        "dose oxide --elemental 400 --age 35 --sex female",
        ["dose", "oxide", "--elemental", "400", "--age", "35", "--sex", "female"],
    ),
    ("intake --age 35 --sex female", ["intake", "--age", "35", "--sex", "female"]),
    ("interactions doxycycline", ["interactions", "doxycycline"]),
    ("foods --top 10", ["foods", "--top", "10"]),
    ("products examples/shelf.toml", ["products", str(ROOT / "examples" / "shelf.toml")]),
    (
        "plan --medicine 'alendronate 07:00 sunday' --magnesium 200mg",
        ["plan", "--medicine", "alendronate 07:00 sunday", "--magnesium", "200mg"],
    ),
    ("--help", ["--help"]),
]


def cases(work: Path) -> list[Case]:
    big = write_catalog(work / "forms-10000.toml", 10_000)
    found = [Case(name, args, target=1.0) for name, args in COMMAND_LINES]
    found += [
        Case("error: compare glycinate citrat", ["compare", "glycinate", "citrat"], expect_code=2),
        Case("TAB magcli compare gly", [], "nothing", 1.5, env=tab("magcli compare gly")),
        Case(
            "TAB magcli interactions doxy", [], "nothing", 1.5, env=tab("magcli interactions doxy")
        ),
        Case("TAB magcli co", [], "nothing", 1.5, env=tab("magcli co")),
        Case("TAB, no index yet: magcli co", [], "nothing", env=tab("magcli co"), fresh=True),
        Case("list --json, 10,000 forms", ["list", "--json", "--data", str(big)]),
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
        programs = {}
        for name, text in (("nothing", NOTHING), ("bare", BARE)):
            program = work / name
            program.write_text(text)
            program.chmod(0o755)
            programs[name] = str(program)
        compileall.compile_file(programs["bare"], quiet=1)
        # A private index folder, so the benchmark neither uses nor disturbs the user's;
        # one run makes the index, as any earlier run would.
        env["XDG_CACHE_HOME"] = str(work / "cache")
        subprocess.run([*magcli_command(), "list", "--json"], env=env, capture_output=True)
        for case in cases(work):
            if options.only and options.only not in case.name:
                continue
            results.append(measure(case, options.runs, env, programs, work))
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
                            "held_to": r.case.against,
                            "ratio": round(r.median_ratio, 2),
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
        print(f"{'case':<52} {'median':>8} {'ratio':>7} {'pass':>6} {'RSS':>7}  target")
        print_row.header = True  # type: ignore[attr-defined]
    case = result.case
    held_to = "Typer+Rich" if case.against == "bare" else "do-nothing"
    target = f"<= {case.target}x {held_to}" if case.target is not None else f"({held_to})"
    verdict = {True: "met", False: "MISSED", None: ""}[result.met]
    print(
        f"{case.name[:52]:<52} {result.median_ms:6.1f}ms {result.median_ratio:6.2f}x "
        f"{result.median_ratio_pass:5.2f}x {result.peak_rss_kb / 1024:5.1f}MB  {target} {verdict}",
        flush=True,
    )


if __name__ == "__main__":
    main()
