"""magcli schema: the JSON Schema of the output (any command's document, or one
command's), of a catalogue file or of a shelf file."""

from __future__ import annotations

from typing import Annotated, Any

from magcli.commands import REGISTRY, results
from magcli.domain.names import did_you_mean
from magcli.errors import MagcliError
from magcli.options import Argument, OutputOption, bad_option, destination, fail, option
from magcli.stream import Closed, write_file, write_stdout
from magcli.text import escape_unsafe, shorten

# The commands that print a JSON document: those with a library function.
DOCUMENTS = [name for name, (_, function) in REGISTRY.items() if function is not None]


def output_schema(command: str | None = None) -> dict[str, Any]:
    """The JSON Schema of one command's result, or of any result."""
    import functools
    import operator

    from pydantic import Field, TypeAdapter

    models = results()
    if command is not None:
        schema = models[command].model_json_schema()
    else:
        # Any command's document: the union of the registry's models, told apart by
        # `command` (a union made at run time, which mypy cannot follow).
        one_of: Any = functools.reduce(operator.or_, models.values())
        adapter: TypeAdapter[Any] = TypeAdapter(Annotated[one_of, Field(discriminator="command")])
        schema = adapter.json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema.setdefault("title", f"magcli {command or 'output'} document")
    return schema


def catalog_schema() -> dict[str, Any]:
    """The JSON Schema of a catalogue file (as read from TOML)."""
    from magcli.domain.models import Catalog

    schema = Catalog.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "magcli catalogue"
    return schema


def shelf_schema() -> dict[str, Any]:
    """The JSON Schema of a shelf file (as read from TOML)."""
    from magcli.domain.shelf import ShelfFile

    schema = ShelfFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "magcli shelf"
    return schema


def cli(
    named: Annotated[
        str | None,
        Argument(
            metavar="[COMMAND]",
            help="Only the document of this command (the same as --command).",
            complete=DOCUMENTS,
            show_default=False,
        ),
    ] = None,
    command: Annotated[
        str | None,
        option(
            "--command",
            metavar="NAME",
            help=f"Only the document of this command ({', '.join(DOCUMENTS)}).",
            complete=DOCUMENTS,
        ),
    ] = None,
    catalog: Annotated[
        bool,
        option("--catalog", help="The schema of a catalogue file instead of the output."),
    ] = False,
    products: Annotated[
        bool,
        option("--products", help="The schema of a shelf file (magcli products)."),
    ] = False,
    output: OutputOption = None,
) -> None:
    """Print the JSON Schema of the output, or of a catalogue file.

    Example: magcli schema compare
    """
    import json

    import typer

    if named is not None and command is not None and named != command:
        raise typer.BadParameter(f"{named} or --command {command}: give one command")
    command = command if command is not None else named

    if sum((catalog, products, command is not None)) > 1:
        raise typer.BadParameter("give one of --command, --catalog and --products")
    if command is not None and command not in DOCUMENTS:
        hint = did_you_mean(command, DOCUMENTS, limit=1)
        bad_option(f"{escape_unsafe(shorten(command))} has no JSON document{hint}", "--command")
    if products:
        document = shelf_schema()
    else:
        document = catalog_schema() if catalog else output_schema(command)
    text = json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    output = destination(output)
    try:
        if output is not None:
            write_file(output, text)
        else:
            write_stdout(text)
    except MagcliError as error:
        fail(str(error), error.exit_code)
    except Closed as closed:
        raise typer.Exit(closed.code) from None
