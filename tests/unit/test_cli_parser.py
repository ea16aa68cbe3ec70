"""The command line's parser: a command named plainly gets its own module's parser alone."""

from __future__ import annotations

import argparse
import importlib

import pytest

from rolemap.cli.main import COMMAND_MODULES, COMMANDS, build_parser


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (found,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(found.choices)


def test_the_table_says_which_module_registers_each_command() -> None:
    registered: dict[str, str] = {}
    for name in COMMAND_MODULES:
        parser = argparse.ArgumentParser()
        commands = parser.add_subparsers(dest="command")
        importlib.import_module(f"rolemap.cli.{name}").register(commands)
        registered.update(dict.fromkeys(commands.choices, name))
    assert registered == COMMANDS
    assert list(_commands(build_parser())) == list(registered)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_named_command_gets_the_parser_the_whole_command_line_gives_it(command: str) -> None:
    whole = _commands(build_parser())[command]
    for argv in (
        [command, "--help"],
        ["--db", "x.db", command],
        ["--db=x", "--smoke-test", command],
    ):
        alone = _commands(build_parser(argv))
        assert list(alone) == [c for c, m in COMMANDS.items() if m == COMMANDS[command]]
        assert alone[command].format_help() == whole.format_help()


@pytest.mark.parametrize(
    "argv",
    [[], ["--help"], ["--version"], ["--d", "x.db", "import"], ["-h", "import"], ["nonsense"]],
)
def test_anything_else_gets_the_whole_parser(argv: list[str]) -> None:
    assert list(_commands(build_parser(argv))) == list(COMMANDS)
