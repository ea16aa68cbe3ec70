"""`rolemap completion bash|zsh`: shell completion scripts, made from the parser itself.

The scripts are generated from `build_parser()`, so every command, option
and choice the program takes completes without a list kept by hand:
commands and sub-actions (`rules add`), options, the choices of an option or
an argument (`--period`, `FORMAT`), and file names where a file is expected.
Install (see README):

    rolemap completion bash > ~/.local/share/bash-completion/completions/rolemap
    rolemap completion zsh > ~/.zfunc/_rolemap     # with fpath+=(~/.zfunc) before compinit
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path

from rolemap.cli.common import add_db_option, say

SHELLS = ("bash", "zsh")
_FILE = "@file"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `completion` to the parser."""
    parser = commands.add_parser(
        "completion",
        help="print the shell completion script for bash or zsh",
        description="Print a script that completes rolemap's commands, options and choices "
        "in bash or zsh. Install it with: rolemap completion bash > "
        "~/.local/share/bash-completion/completions/rolemap (bash); rolemap completion zsh > "
        "~/.zfunc/_rolemap, with fpath+=(~/.zfunc) before compinit in ~/.zshrc (zsh).",
    )
    parser.add_argument("shell", choices=SHELLS, metavar="SHELL", help="bash or zsh")
    add_db_option(parser)  # taken like everywhere, and not used
    parser.set_defaults(handler=run_completion)


def run_completion(args: argparse.Namespace) -> int:
    """Print the script for the chosen shell."""
    from rolemap.cli.main import build_parser

    command = _command(build_parser(), "")
    say(bash_script(command) if args.shell == "bash" else zsh_script(command))
    return 0


@dataclass
class _Option:
    flags: list[str]
    help: str
    takes_value: bool
    repeats: bool
    values: str  # choices separated by spaces, _FILE, or ""
    metavar: str


@dataclass
class _Command:
    path: str  # "" for rolemap itself, "rules add" for a sub-action
    help: str = ""
    options: list[_Option] = field(default_factory=list)
    positionals: list[tuple[str, str]] = field(default_factory=list)  # (metavar, values)
    subcommands: dict[str, _Command] = field(default_factory=dict)


def _values(action: argparse.Action) -> str:
    if action.choices is not None and not isinstance(action.choices, dict):
        return " ".join(str(choice) for choice in action.choices)
    return _FILE if action.type is Path else ""


def _command(parser: argparse.ArgumentParser, path: str, help_text: str = "") -> _Command:
    command = _Command(path, help_text)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                command.subcommands[name] = _command(
                    sub, f"{path} {name}".strip(), helps.get(name, "")
                )
        elif action.option_strings:
            command.options.append(
                _Option(
                    flags=list(action.option_strings),
                    help=(action.help or "") if action.help != argparse.SUPPRESS else "",
                    takes_value=action.nargs != 0,
                    repeats=isinstance(action, argparse._AppendAction),
                    values=_values(action),
                    metavar=str(action.metavar or action.dest.upper()),
                )
            )
        else:
            command.positionals.append((str(action.metavar or action.dest), _values(action)))
    return command


def _walk(command: _Command) -> list[_Command]:
    return [command, *(c for sub in command.subcommands.values() for c in _walk(sub))]


# -- bash -----------------------------------------------------------------------------------


def bash_script(root: _Command) -> str:
    """The bash completion script (`complete -F _rolemap rolemap`)."""
    commands = _walk(root)

    def case(name: str, arms: list[tuple[str, str]]) -> str:
        body = "".join(f'        "{key}") echo "{value}" ;;\n' for key, value in arms if value)
        return f'{name}() {{\n    case "$1" in\n{body}    esac\n}}\n'

    subs = [(c.path, " ".join(c.subcommands)) for c in commands]
    opts = [(c.path, " ".join(f for o in c.options for f in o.flags)) for c in commands]
    valued = [
        (c.path, " ".join(f for o in c.options if o.takes_value for f in o.flags)) for c in commands
    ]
    values = [
        (f"{c.path}|{flag}", o.values) for c in commands for o in c.options for flag in o.flags
    ]
    positional = [(f"{c.path}|{n}", v) for c in commands for n, (_, v) in enumerate(c.positionals)]
    return (
        "# bash completion for rolemap: rolemap completion bash > "
        "~/.local/share/bash-completion/completions/rolemap\n"
        + case("_rolemap_sub", subs)
        + case("_rolemap_opts", opts)
        + case("_rolemap_valued", valued)
        + case("_rolemap_values", values)
        + case("_rolemap_positional", positional)
        + _BASH_MAIN
    )


_BASH_MAIN = r"""_rolemap_reply() {
    local IFS=$'\n'
    if [[ $1 == @file ]]; then
        COMPREPLY=($(compgen -f -- "$2"))
    else
        COMPREPLY=($(IFS=' '; compgen -W "$1" -- "$2"))
    fi
}
_rolemap_takes() {
    [[ $2 != *=* && " $(_rolemap_valued "$1") $(_rolemap_valued "") " == *" $2 "* ]]
}
_rolemap() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
    local path="" word i expect="" count=0
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${COMP_WORDS[i]}"
        if [[ -n $expect ]]; then
            expect=""
        elif [[ $word == -* ]]; then
            _rolemap_takes "$path" "$word" && expect=1
        elif [[ " $(_rolemap_sub "$path") " == *" $word "* ]]; then
            path="${path:+$path }$word"
            count=0
        else
            ((count++))
        fi
    done
    if [[ $prev == -* ]] && _rolemap_takes "$path" "$prev"; then
        _rolemap_reply "$(_rolemap_values "$path|$prev")$(_rolemap_values "|$prev")" "$cur"
    elif [[ $cur == -* ]]; then
        _rolemap_reply "$(_rolemap_opts "$path") $(_rolemap_opts "")" "$cur"
    elif [[ -n $(_rolemap_sub "$path") ]]; then
        _rolemap_reply "$(_rolemap_sub "$path")" "$cur"
    else
        _rolemap_reply "$(_rolemap_positional "$path|$count")" "$cur"
    fi
}
complete -o default -F _rolemap rolemap
"""


# -- zsh ------------------------------------------------------------------------------------


def zsh_script(root: _Command) -> str:
    """The zsh completion function (`#compdef rolemap`), one function per command."""
    functions = [_zsh_function(command) for command in _walk(root)]
    return (
        "#compdef rolemap\n"
        "# zsh completion for rolemap: rolemap completion zsh > ~/.zfunc/_rolemap\n\n"
        + "\n".join(functions)
        + '\n_rolemap "$@"\n'
    )


def _zsh_name(path: str) -> str:
    return "_rolemap" + "".join(f"_{re.sub(r'[^a-z0-9]', '_', part)}" for part in path.split())


def _zsh_function(command: _Command) -> str:
    specs = [spec for option in command.options for spec in _zsh_option(option)]
    if command.subcommands:
        specs += ["'1: :->command'", "'*:: :->argument'"]
    else:
        for number, (metavar, values) in enumerate(command.positionals, start=1):
            specs.append(f"'{number}:{_zsh_text(metavar)}:{_zsh_action(values)}'")
    lines = [f"{_zsh_name(command.path)}() {{"]
    if command.subcommands:
        lines += ['    local curcontext="$curcontext" state line', "    typeset -A opt_args"]
    lines.append("    _arguments -s -S -C \\\n        " + " \\\n        ".join(specs))
    if command.subcommands:
        described = " ".join(
            f"'{name}:{_zsh_text(sub.help, description=True)}'"
            for name, sub in command.subcommands.items()
        )
        dispatch = "".join(
            f"                {name}) {_zsh_name(sub.path)} ;;\n"
            for name, sub in command.subcommands.items()
        )
        lines += [
            "    case $state in",
            "        command)",
            f"            local -a commands; commands=({described})",
            "            _describe -t commands 'rolemap command' commands ;;",
            "        argument)",
            "            case $words[1] in",
            dispatch.rstrip("\n"),
            "            esac ;;",
            "    esac",
        ]
    lines.append("}")
    return "\n".join(lines) + "\n"


def _zsh_option(option: _Option) -> list[str]:
    exclusive = (
        f"({' '.join(option.flags)})" if len(option.flags) > 1 and not option.repeats else ""
    )
    repeat = "*" if option.repeats else ""
    described = f"[{_zsh_text(option.help, description=True)}]"
    specs = []
    for flag in option.flags:
        if option.takes_value:
            equals = "=" if flag.startswith("--") else ""
            action = _zsh_action(option.values)
            spec = (
                f"{exclusive}{repeat}{flag}{equals}{described}:{_zsh_text(option.metavar)}:{action}"
            )
        else:
            spec = f"{exclusive}{repeat}{flag}{described}"
        specs.append(f"'{spec}'")
    return specs


def _zsh_action(values: str) -> str:
    if values == _FILE:
        return "_files"
    return f"({values})" if values else " "


def _zsh_text(text: str, *, description: bool = False) -> str:
    """Text safe inside a single-quoted `_arguments` spec."""
    cleaned = " ".join(text.replace("%%", "%").split()).replace("'", "’")
    cleaned = cleaned.replace("[", "(").replace("]", ")")
    return cleaned if description else cleaned.replace(":", r"\:")
