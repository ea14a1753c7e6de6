"""Scale benchmark of `magcli products`: the largest real shelf is the DSLD's, so this
writes label records in the DSLD shape and times `magcli products` on them:

- one file of 10,000 and one of 20,000 records (varied copies of examples/labels.json),
  and a 20,000-product shelf file (TOML, which Python's own reader parses about twice as
  slowly as JSON), as JSON; an 80 MB file of random bytes, which must be refused quickly;
- a folder of 10,000 and one of 20,000 real-shaped label files (copies of the five real
  records of examples/dsld, each with its own id and name, 5-46 KB each, about 0.6 GB
  for 20,000), and a .zip of the 20,000, in every format, each run beside a run of its
  floor: a Python process that only reads and parses every file with the standard
  library's json (for the .zip, every member unpacked by the standard library's zipfile
  and parsed so).

    python benchmarks/products.py              # 5 timed runs per case
    python benchmarks/products.py --runs 9 --json results.json

Targets: 20,000 records under 3 s, 20,000 no more than 2.5x the time of 10,000, peak
memory under 300 MB; 20,000 label files as JSON and JSONL in no more time than the
floor, as a table within 1.3x of it, growing linearly, and JSONL and CSV in memory that
does not grow with the output. Times are whole-process wall times (medians; the ratios
are the medians of each run's ratio to the floor's run beside it); peak memory is the
child's maximum resident set size from wait4() (a folder is read by as many processes
as there are processors: this is the first's). .pyc files are compiled first and
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


REAL = ROOT / "examples" / "dsld"


def write_real(folder: Path, count: int) -> None:
    """`count` label files, copies of the five real records in turn, each with its own id
    and name (real shelves seldom hold one name twice)."""
    records = [json.loads(path.read_text()) for path in sorted(REAL.glob("*.json"))]
    names = [record["fullName"] for record in records]
    folder.mkdir()
    for number in range(count):
        record = records[number % len(records)]
        record["id"] = 2_000_000 + number
        record["fullName"] = f"{names[number % len(records)]} {number}"
        (folder / f"label-{number:05d}.json").write_text(json.dumps(record, indent=1))


def write_zip(folder: Path, archive: Path) -> None:
    import zipfile

    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(folder.iterdir()):
            zipped.write(path, f"labels/{path.name}")


FLOOR = (
    "import json, os, sys\n"
    "folder = sys.argv[1]\n"
    "for name in sorted(os.listdir(folder)):\n"
    "    with open(os.path.join(folder, name), 'rb') as handle:\n"
    "        json.loads(handle.read())\n"
)
# The same for an archive: every member unpacked with the standard library's zipfile.
ZIP_FLOOR = (
    "import json, sys, zipfile\n"
    "with zipfile.ZipFile(sys.argv[1]) as archive:\n"
    "    for name in sorted(archive.namelist()):\n"
    "        json.loads(archive.read(name))\n"
)


def write_files(folder: Path) -> None:
    for count in (10_000, 20_000):
        write_labels(folder / f"labels-{count}.json", count)
    write_shelf(folder / "shelf-20000.toml", 20_000)
    for count in (10_000, 20_000):
        write_real(folder / f"real-{count}", count)
    write_zip(folder / "real-20000", folder / "real-20000.zip")
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


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.pop("MAGCLI_NO_CACHE", None)
    return env


def case(
    name: str, args: list[str], runs: int, floor: list[str] | None = None
) -> dict[str, object]:
    """`runs` runs of `args`; with `floor`, each beside a run of the floor, in turn, and
    the median of the ratios of each pair."""
    env = environment()
    times, peaks, codes, ratios = [], [], set(), []
    with tempfile.TemporaryDirectory() as shared:
        env["XDG_CACHE_HOME"] = shared  # the completion index, made once, out of the way
        for _ in range(runs):
            base = run_once(floor, env)[0] if floor else None
            elapsed, peak, code = run_once(args, env)
            times.append(elapsed)
            peaks.append(peak)
            codes.add(code)
            if base:
                ratios.append(elapsed / base)
    result: dict[str, object] = {
        "case": name,
        "median_s": round(statistics.median(times), 3),
        "peak_mb": round(max(peaks), 1),
        "exit_codes": sorted(codes),
    }
    said = ""
    if ratios:
        result["ratio_to_floor"] = round(statistics.median(ratios), 2)
        said = f"  {result['ratio_to_floor']:.2f}x the floor"
    print(
        f"{name:<44} {result['median_s']:>7.3f} s  {result['peak_mb']:>7.1f} MB  exit {codes}{said}"
    )
    return result


FORMATS = [
    ("--json", ["--json"]),
    ("-f jsonl", ["-f", "jsonl"]),
    ("-f csv", ["-f", "csv"]),
    ("table", []),
]
# The targets, each against its floor: a folder's, an archive's.
TARGETS = [
    ("20,000 label files --json", 1.0),
    ("20,000 label files -f jsonl", 1.0),
    ("20,000 label files table", 1.3),
    ("a .zip of 20,000 --json", 1.0),
    ("a .zip of 20,000 -f jsonl", 1.0),
    ("a .zip of 20,000 table", 1.3),
]


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
    from magcli.fanout import processors

    print(f"{processors()} processors")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        # Written by another process: wait4() counts, in a child's peak, the pages of the
        # process it was forked from, so this one stays small.
        subprocess.run([sys.executable, __file__, "--write", work], check=True)
        command = [magcli(), "products"]
        runs = options.runs
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
        real = {count: str(folder / f"real-{count}") for count in (10_000, 20_000)}
        archive = str(folder / "real-20000.zip")
        floors = {
            "folder": [sys.executable, "-c", FLOOR, real[20_000]],
            "zip": [sys.executable, "-c", ZIP_FLOOR, archive],
        }
        results.append(case("floor: json.loads of 20,000 label files", floors["folder"], runs))
        results.append(case("floor: zipfile + json.loads of the .zip", floors["zip"], runs))
        for label, extra in FORMATS:
            results.append(
                case(
                    f"20,000 label files {label}",
                    [*command, real[20_000], *extra],
                    runs,
                    floors["folder"],
                )
            )
        for label, extra in FORMATS:
            results.append(
                case(f"a .zip of 20,000 {label}", [*command, archive, *extra], runs, floors["zip"])
            )
        for label, extra in FORMATS[:3]:  # linear growth, and memory that does not grow
            results.append(
                case(f"10,000 label files {label}", [*command, real[10_000], *extra], runs)
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
    ratio = {str(result["case"]): result.get("ratio_to_floor") for result in results}
    seconds = {str(result["case"]): float(str(result["median_s"])) for result in results}
    memory = {str(result["case"]): float(str(result["peak_mb"])) for result in results}
    for name, target in TARGETS:
        got = float(str(ratio[name]))
        verdict = "met" if got <= target else "MISSED"
        print(f"{name + ':':<44} {got:.2f}x its floor (at most {target}x)  {verdict}")
    for label, _ in FORMATS[:3]:
        ten, twenty = f"10,000 label files {label}", f"20,000 label files {label}"
        print(
            f"{label}: 20,000 / 10,000 files {seconds[twenty] / seconds[ten]:.2f}x the time, "
            f"{memory[twenty]:.0f} MB / {memory[ten]:.0f} MB"
        )
    if options.json:
        Path(options.json).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
