"""Every output format of every data command, and writing to files."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import Run
from magcli.domain.models import Catalog
from magcli.render import FORMATS, ONLY_FOR
from magcli.results import DISCLAIMER
from magcli.results import SCHEMA_VERSION as OUTPUT_SCHEMA_VERSION

COMMANDS = {
    "compare": "compare glycinate citrate oxide",
    "list": "list --for sleep",
    "show": "show oxide",
    "rank": "rank --for constipation",
    "dose": "dose oxide --elemental 400 --age 35 --sex female",
    "intake": "intake",
    "interactions": "interactions",
    "foods": "foods --top 5",
    "goals": "goals",
    "products": "products examples/shelf.toml",
    "stack": "stack examples/day.toml --add '250mg antacid' --age 35 --sex female",
    "plan": "plan --medicine doxycycline@08:00 --magnesium 400mg --start 2026-12-01",
}
# How many rows each command's table has, from its JSON document.
ROW_KEY = {
    "dose": None,
    "intake": "stages",
    "foods": "foods",
    "goals": "goals",
    "products": "products",
    "stack": "rows",
    "plan": "doses",
}


def expected_rows(run: Run, command: str) -> int:
    doc = json.loads(run(f"{COMMANDS[command]} --json").stdout)
    if command == "interactions":  # the entries, a notice if any, then the risk groups
        notice = 1 if doc["not_listed"] else 0
        return len(doc["interactions"]) + notice + len(doc["risk_groups"])
    if command == "plan":  # the whole day: medicines, their fasts, the unlisted, magnesium
        fasts = sum(1 for medicine in doc["medicines"] if medicine["fasting_minutes"])
        return len(doc["medicines"]) + fasts + len(doc["unlisted"]) + len(doc["doses"])
    key = ROW_KEY.get(command, "forms")
    return 1 if key is None else len(doc[key])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_format_of_every_command(run: Run, command: str, fmt: str) -> None:
    result = run(f"{COMMANDS[command]} --format {fmt}")
    if ONLY_FOR.get(fmt, command) != command:  # a calendar holds a timetable only
        assert result.exit_code == 2 and result.stdout == ""
        assert "the ics format is for 'magcli plan' only" in result.stderr
        return
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize("dialect", ["csv", "tsv"])
@pytest.mark.parametrize("command", COMMANDS)
def test_delimited(run: Run, command: str, dialect: str) -> None:
    text = run(f"{COMMANDS[command]} -f {dialect}").stdout
    reader = csv.reader(io.StringIO(text), csv.excel if dialect == "csv" else csv.excel_tab)
    header, *body = list(reader)
    assert len(body) == expected_rows(run, command)
    assert all(len(row) == len(header) for row in body)
    assert len(set(header)) == len(header)


def test_csv_columns_for_forms(run: Run, catalog: Catalog) -> None:
    text = run("rank --for sleep -f csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0])[:11] == [
        "goal",
        "general_evidence_grade",
        "general_evidence_size",
        "general_evidence_note",
        "form_shown_better",
        "rank",
        "score",
        "id",
        "name",
        "aliases",
        "compound",
    ]
    first = rows[0]
    assert (first["goal"], first["general_evidence_grade"]) == ("sleep", "rct")
    assert all(row["form_shown_better"] == "false" for row in rows)
    assert (first["rank"], first["score"], first["id"]) == ("1", "12", "glycinate")
    glycinate = next(form for form in catalog.forms if form.id == "glycinate")
    assert first["aliases"] == ";".join(glycinate.aliases)  # a list cell: joined by ';'
    assert ";" in first["aliases"]
    assert first["bioavailability_level"] == "unknown"
    assert first["bioavailability_grade"] == "small-human"
    assert (first["bioavailability_trials"], first["bioavailability_participants"]) == ("1", "12")
    assert first["uses"].startswith("sleep:rct;")
    assert first["score_parts"] == "evidence:10;bioavailability:0;gi:2"
    assert first["popular_claims"].startswith("High bioavailability:not-shown;")
    assert first["form_evidence_grade"] == "rct"
    assert first["form_evidence_size"] == "1 trial, 155 people, 4 weeks or less"
    assert first["general_evidence_size"].startswith("3 trials, 151 people")
    assert rows[-1]["form_evidence_grade"] == ""  # no form-specific evidence


def test_csv_dose_row(run: Run) -> None:
    (row,) = csv.DictReader(io.StringIO(run(COMMANDS["dose"] + " -f csv").stdout))
    assert (row["form"], row["magnesium_mg"], row["compound_mg"]) == ("oxide", "400.0", "663.3")
    assert (row["life_stage_stage"], row["need_mg"], row["upper_limit_mg"]) == (
        "31+ years",
        "320",
        "350",
    )
    assert row["over_limit"] == "true" and row["label_check_verdict"] == ""


def test_csv_defuses_spreadsheet_formulas(run: Run, tmp_path: Path) -> None:
    from conftest import DATA

    text = (DATA / "valid" / "minimal.toml").read_text()
    text = text.replace('name = "Magnesium alpha"', 'name = "=HYPERLINK(\\"http://x\\")"')
    path = tmp_path / "formula.toml"
    path.write_text(text)
    (row,) = csv.DictReader(io.StringIO(run(["list", "-f", "csv", "--data", str(path)]).stdout))
    assert row["name"] == '\'=HYPERLINK("http://x")'


@pytest.mark.parametrize("command", COMMANDS)
def test_jsonl(run: Run, command: str) -> None:
    doc = json.loads(run(f"{COMMANDS[command]} --json").stdout)
    lines = run(f"{COMMANDS[command]} -f jsonl").stdout.splitlines()
    assert len(lines) == expected_rows(run, command)
    for line in lines:
        record = json.loads(line)
        assert record["schema_version"] == OUTPUT_SCHEMA_VERSION
        assert record["data_version"] == doc["data_version"]
        assert record["command"] == command
        assert list(record)[:3] == ["schema_version", "data_version", "command"]
        assert list(record)[-2:] == ["warnings", "disclaimer"]
        assert (record["warnings"], record["disclaimer"]) == (doc["warnings"], doc["disclaimer"])
    key = ROW_KEY.get(command, "forms")
    if key is not None and command not in ("interactions", "plan"):  # its items, in order
        for line, item in zip(lines, doc[key], strict=True):
            record = json.loads(line)
            keys = list(record)
            start = keys.index(next(iter(item)))
            assert keys[start : start + len(item)] == list(item)
            assert {name: record[name] for name in item} == item


def test_jsonl_forms_are_the_json_forms(run: Run) -> None:
    doc = json.loads(run("compare glycinate citrate --json").stdout)
    lines = [
        json.loads(line) for line in run("compare glycinate citrate -f jsonl").stdout.splitlines()
    ]
    envelope = ("schema_version", "data_version", "command", "warnings", "disclaimer")
    assert [{k: v for k, v in line.items() if k not in envelope} for line in lines] == doc["forms"]
    assert all(line["warnings"] == [] for line in lines)
    assert all(line["disclaimer"] == DISCLAIMER for line in lines)


def test_markdown(run: Run) -> None:
    out = run("compare glycinate citrate -f markdown").stdout
    assert out.startswith("# Magnesium forms compared\n")
    summary, detail = out.split("## Every claim, with its note")
    assert "|  | glycinate | citrate |" in summary
    absorption = '| **Absorption** | **unknown** \\[small-human\\]<br>"High bioavailability"'
    assert absorption + ": **not-shown**" in summary
    assert (
        "| **Absorption** | **unknown** \\[small-human\\] (1 study, 12 people, special "
        "population, single doses) The 'high absorption'"
    ) in detail
    assert "- **schuette1994**: Schuette SA, Lashner BA, Janghorbani M." in detail
    assert '| **Popular claims** | "High bioavailability": **not-shown**' in detail
    assert "- **popular-tables**: Comparison tables of magnesium forms" in out
    assert "<https://pubmed.ncbi.nlm.nih.gov/7815675/>" in out
    assert "- `contradicted`: controlled human trials looked and found no effect" in out
    assert out.rstrip().endswith(f"*{DISCLAIMER}*")
    assert DISCLAIMER not in run("compare glycinate citrate -f markdown -q").stdout


def test_markdown_escapes_data(run: Run) -> None:
    from conftest import DATA

    out = run(
        ["show", "alpha", "-f", "markdown", "--data", str(DATA / "valid" / "markup.toml")]
    ).stdout
    assert "\\[bold red\\]Alpha\\[/\\]" in out
    assert "\x1b" not in out


class Page(HTMLParser):
    """What a browser would find in the page: text, links, and any script."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self.external: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))
        for name in ("src", "srcset"):
            if found.get(name):
                self.external.append(str(found[name]))
        if tag == "link":
            self.external.append(str(found.get("href")))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_page(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def test_html_report(run: Run) -> None:
    result = run("compare glycinate citrate oxide -f html")
    page = parse_page(result.stdout)
    text = " ".join(" ".join(page.text).split())
    doc = json.loads(run("compare glycinate citrate oxide --json").stdout)
    for form in doc["forms"]:
        assert form["name"] in text
        for source in form["sources"]:
            if source["link"] is not None:  # the popular tables name no single page
                assert source["link"].replace("&", "&amp;") in result.stdout
                assert source["link"] in page.links
            assert f"#source-{source['key']}" in page.links
    assert DISCLAIMER in text
    assert "Evidence grades, strongest first" in text
    assert "script" not in page.tags and page.external == []  # self-contained


def test_html_escapes_data(run: Run) -> None:
    from conftest import DATA

    out = run(["show", "alpha", "-f", "html", "--data", str(DATA / "valid" / "markup.toml")]).stdout
    assert "[bold red]Alpha[/]" in " ".join(parse_page(out).text)
    assert "<script" not in out.lower()


def test_html_quiet(run: Run) -> None:
    assert DISCLAIMER not in run("show oxide -f html -q").stdout


def test_quiet_table(run: Run) -> None:
    loud = " ".join(run("show oxide").stdout.split())
    quiet = " ".join(run("show oxide -q").stdout.split())
    assert loud.endswith(DISCLAIMER)
    assert DISCLAIMER not in quiet and "not medical advice" not in quiet
    assert quiet == loud.removesuffix(DISCLAIMER).rstrip()  # nothing else goes
    assert json.loads(run("show oxide --json -q").stdout)["disclaimer"] == DISCLAIMER


# --output -----------------------------------------------------------------------------


def test_output_writes_the_file_and_nothing_else(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = run(["compare", "glycinate", "citrate", "-f", "html", "-o", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary left


def test_output_replaces_a_file_whole(run: Run, tmp_path: Path, catalog: Catalog) -> None:
    target = tmp_path / "forms.json"
    target.write_text("old")
    assert run(["list", "--json", "-o", str(target)]).exit_code == 0
    assert len(json.loads(target.read_text())["forms"]) == len(catalog.forms)


def test_output_table_has_no_colour(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "t.txt"
    run(["show", "oxide", "-o", str(target)], env={"FORCE_COLOR": "1", "TERM": "xterm"})
    assert "Magnesium oxide" in target.read_text()
    assert "\x1b" not in target.read_text()  # a saved file is plain text


def test_output_error_leaves_the_old_file(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "keep.csv"
    target.write_text("precious")
    result = run(["compare", "glycinate", "citrat", "-f", "csv", "-o", str(target)])
    assert result.exit_code == 2
    assert target.read_text() == "precious"


def test_output_to_a_missing_folder(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "x.csv"
    result = run(["list", "-f", "csv", "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {target}: cannot write: the folder {target.parent} does not exist\n"
    )
    assert result.stdout == ""


def test_json_flag_and_format_json_agree(run: Run) -> None:
    first = run("show oxide --json")
    assert first.exit_code == 0 and first.stdout.startswith("{")
    assert first.stdout == run("show oxide -f json").stdout
    assert run("show oxide --json -f JSON").exit_code == 0


def test_dose_warnings_reach_stderr_in_machine_formats(run: Run) -> None:
    result = run(COMMANDS["dose"] + " -f csv")
    assert result.stderr.startswith("Warning: 400 mg of magnesium is above")
    assert run(COMMANDS["dose"]).stderr == ""  # the table shows it itself


# interactions: the safety text travels in every format ---------------------------------


@pytest.mark.parametrize("fmt", [fmt for fmt in FORMATS if fmt not in ONLY_FOR])
@pytest.mark.parametrize("query", ["", "doxycycline", "ibuprofen"])
def test_every_format_of_interactions_names_kidney_disease(run: Run, fmt: str, query: str) -> None:
    result = run(f"interactions {query} -f {fmt}")
    assert result.exit_code == 0, result.stderr
    assert "kidney disease" in " ".join(result.stdout.split()).lower()
    if query == "ibuprofen":
        warning = "That does not mean it is safe to take with magnesium"
        # Every format carries it; a document for people shows it itself, and any other
        # output also says it on stderr.
        if fmt == "json":
            assert warning in json.loads(result.stdout)["not_listed"]
        else:
            assert warning in " ".join(result.stdout.split())
        shown_on_stderr = warning in " ".join(result.stderr.split())
        assert shown_on_stderr is (fmt not in ("table", "markdown", "html"))


def test_interaction_rows_are_flat_and_typed(run: Run) -> None:
    rows = list(csv.DictReader(io.StringIO(run("interactions doxycycline -f csv").stdout)))
    assert [row["kind"] for row in rows] == ["interaction"] + ["risk-group"] * 4
    first = rows[0]
    assert (first["id"], first["wait_after_medicine_hours"]) == ("tetracyclines", "2")
    assert first["wait_after_magnesium_hours"] == "6"
    assert first["advice"].startswith("Medicine first: wait at least 2 hours before magnesium.")
    assert rows[1]["id"] == "kidney-disease"
    unknown = list(csv.DictReader(io.StringIO(run("interactions ibuprofen -f csv").stdout)))
    assert unknown[0]["kind"] == "notice" and unknown[0]["name"] == "ibuprofen"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("report.html", "html"),
        ("report.HTM", "html"),
        ("notes.md", "markdown"),
        ("forms.csv", "csv"),
        ("forms.tsv", "tsv"),
        ("forms.json", "json"),
        ("forms.jsonl", "jsonl"),
        ("forms.ndjson", "jsonl"),
        ("forms.txt", "table"),
        ("forms.out", "table"),
    ],
)
def test_output_takes_its_format_from_the_files_extension(
    run: Run, tmp_path: Path, name: str, fmt: str
) -> None:
    by_name = tmp_path / name
    by_option = tmp_path / f"explicit-{fmt}"
    assert run(["compare", "glycinate", "citrate", "-o", str(by_name)]).exit_code == 0
    assert run(["compare", "glycinate", "citrate", "-o", str(by_option), "-f", fmt]).exit_code == 0
    assert by_name.read_text() == by_option.read_text()


def test_an_explicit_format_wins_over_the_extension(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    assert run(["compare", "glycinate", "citrate", "-o", str(target), "-f", "csv"]).exit_code == 0
    assert target.read_text().startswith("id,")
    assert run(["compare", "glycinate", "citrate", "-o", str(target), "--json"]).exit_code == 0
    assert json.loads(target.read_text())["command"] == "compare"


def test_a_calendar_file_is_for_plan_only(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "week.ics"
    result = run(["compare", "glycinate", "citrate", "-o", str(target)])
    assert result.exit_code == 2 and not target.exists()
    assert "the ics format is for 'magcli plan' only" in result.stderr
    plan = run(
        ["plan", "--medicine", "doxycycline@08:00", "--magnesium", "300mg", "-o", str(target)]
    )
    assert plan.exit_code == 0
    assert target.read_text().startswith("BEGIN:VCALENDAR")


def test_an_unknown_extension_is_said_not_guessed(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    result = run(["compare", "glycinate", "citrate", "-o", str(target)])
    assert result.exit_code == 0 and target.read_text().lstrip().startswith("Magnesium forms")
    assert "'.xlsx' is no extension magcli writes" in result.stderr
    quiet = run(["compare", "glycinate", "citrate", "-o", str(target), "-f", "table"])
    assert quiet.stderr == ""  # --format chose
