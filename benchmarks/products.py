"""Scale benchmark of `magcli products`: the largest real shelf is the DSLD's, so this
writes label records in the DSLD shape (varied copies of examples/labels.json) and times

    magcli products FILE --json

for 10,000 and 20,000 records and for a 20,000-product shelf file; then an 80 MB file of
random bytes, which must be refused quickly. The 20,000-product shelf
file is a TOML file, which Python's own TOML reader parses about twice as slowly as JSON.

    python benchmarks/products.py              # 5 timed runs per case
    python benchmarks/products.py --runs 9 --json results.json

Targets: 20,000 records under 3 s, 20,000 no more than 2.5x the time of 10,000, peak
memory under 300 MB. Times are whole-process wall times (medians); peak memory is the
child's maximum resident set size from wait4(). .pyc files are compiled first and
PYTHONDONTWRITEBYTECODE is removed from the children's environment, as for start-up.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import random
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "examples" / "labels.json"


def magcli() -> str:
    return str(Path(sys.executable).with_name("magcli"))


def write_labels(path: Path, count: int) -> None:
    """`count` label records, varied copies of the example ones."""
    rng = random.Random(count)
    base = json.loads(LABELS.read_text())
    records = []
    for number in range(count):
        record = json.loads(json.dumps(rng.choice(base)))
        record["id"] = 1_000_000 + number
        record["fullName"] = f"Magnesium product {number}"
        records.append(record)
    path.write_text(json.dumps(records))


def write_shelf(path: Path, count: int) -> None:
    rng = random.Random(count)
    forms = ["glycinate", "citrate", "oxide", "malate", "l-threonate", "chloride"]
    tables = [
        f'[[products]]\nname = "Product {number}"\nform = "{rng.choice(forms)}"\n'
        f"magnesium_mg = {rng.randint(50, 400)}\ncompound_mg = {rng.randint(400, 3000)}\n"
        f"serving_units = {rng.randint(1, 4)}\nunits_per_container = 120\n"
        f'price = {rng.uniform(5, 50):.2f}\ncurrency = "USD"\n'
        for number in range(count)
    ]
    path.write_text("\n".join(tables))


def write_files(folder: Path) -> None:
    for count in (10_000, 20_000):
        write_labels(folder / f"labels-{count}.json", count)
    write_shelf(folder / "shelf-20000.toml", 20_000)
    rng = random.Random(0)
    with (folder / "garbage.bin").open("wb") as handle:
        for _ in range(80):
            handle.write(rng.randbytes(1024 * 1024))


def run_once(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak MB and exit code of one run."""
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, child.returncode


def case(name: str, args: list[str], runs: int) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.pop("MAGCLI_NO_CACHE", None)
    times, peaks, codes = [], [], set()
    with tempfile.TemporaryDirectory() as shared:
        env["XDG_CACHE_HOME"] = shared  # the completion index, made once, out of the way
        for _ in range(runs):
            elapsed, peak, code = run_once(args, env)
            times.append(elapsed)
            peaks.append(peak)
            codes.add(code)
    result = {
        "case": name,
        "median_s": round(statistics.median(times), 3),
        "peak_mb": round(max(peaks), 1),
        "exit_codes": sorted(codes),
    }
    print(f"{name:<44} {result['median_s']:>7.3f} s  {result['peak_mb']:>7.1f} MB  exit {codes}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", metavar="FILE", help="also write the figures here")
    parser.add_argument("--write", metavar="FOLDER", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.write:
        write_files(Path(options.write))
        return
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    compileall.compile_dir(sysconfig.get_paths()["purelib"], quiet=1)
    results = []
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        # Written by another process: wait4() counts, in a child's peak, the pages of the
        # process it was forked from, so this one stays small.
        subprocess.run([sys.executable, __file__, "--write", work], check=True)
        command = [magcli(), "products"]
        for count in (10_000, 20_000):
            path = str(folder / f"labels-{count}.json")
            results.append(
                case(
                    f"{count:,} label records",
                    [*command, path, "--json"],
                    options.runs,
                )
            )
        shelf = str(folder / "shelf-20000.toml")
        results.append(
            case(
                "20,000-product shelf file",
                [*command, shelf, "--json"],
                options.runs,
            )
        )
        garbage = str(folder / "garbage.bin")
        results.append(
            case(
                "refused: 80 MB of random bytes",
                [*command, garbage, "--json"],
                options.runs,
            )
        )
    ten, twenty = float(str(results[0]["median_s"])), float(str(results[1]["median_s"]))
    peak = max(float(str(result["peak_mb"])) for result in results)
    print()
    print(f"20,000 records under 3 s:       {twenty:.2f} s  {'met' if twenty < 3 else 'MISSED'}")
    growth = twenty / ten
    print(f"20,000 / 10,000 at most 2.5x:   {growth:.2f}x  {'met' if growth <= 2.5 else 'MISSED'}")
    print(f"peak memory under 300 MB:       {peak:.0f} MB  {'met' if peak < 300 else 'MISSED'}")
    if options.json:
        Path(options.json).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
