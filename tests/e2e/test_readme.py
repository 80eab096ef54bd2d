"""The README's commands, run: every `kommunarkiv` line of its everyday-commands block against the
demo's archive (searches must find something), and every command and option of the CLI named in
the README, every command the README names real."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
from pathlib import Path

import click
import pytest

from kommunarkiv.cli import main
from tests.e2e.helpers import cli
from tests.e2e.test_demo import three_free_ports

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
# run until stopped, or need the internet: their command and options are checked, not run
NOT_RUN = {"crawl": "crawls the live sites", "replica": "a server", "serve": "a server", "demo": "test_demo.py runs it"}


def everyday_commands() -> list[list[str]]:
    block = README.split("## Everyday commands", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    return [shlex.split(line, comments=True)[1:] for line in block.splitlines() if line.startswith("kommunarkiv ")]


def readme_commands() -> list[list[str]]:
    """Every `kommunarkiv …` command anywhere in the README's code: blocks and `inline code`."""
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", README, re.MULTILINE | re.DOTALL)
    inline = re.findall(r"`([^`\n]+)`", re.sub(r"^```.*?^```", "", README, flags=re.MULTILINE | re.DOTALL))
    code = "\n".join(blocks + inline)
    found = re.findall(r"(?:^|/|\$ )kommunarkiv ([a-z][^\n|&>]*)", code, re.MULTILINE)
    return [shlex.split(f.replace("…", ""), comments=True) for f in found]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("readme")
    port = three_free_ports()
    db = f"sqlite:///{folder / 'demo.sqlite'}"
    result = cli("demo", "--db", db, "--port", str(port), timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return folder, db, port


def _with_demo_ports(args: list[str], port: int) -> list[str]:
    """The README names the demo's default ports (8000-8002); the test's demo has its own."""
    return [re.sub(r"127\.0\.0\.1:800([0-2])", lambda m: f"127.0.0.1:{port + int(m.group(1))}", a) for a in args]


@pytest.mark.timeout(900)  # some 25 commands, each a process of its own: minutes on a loaded 2-core machine
def test_every_everyday_command_runs_against_the_demo_archive(demo):
    folder, db, port = demo
    commands = everyday_commands()
    assert len(commands) >= 25, commands
    ran = []
    for args in commands:
        if args[0] in NOT_RUN:
            continue
        args = _with_demo_ports(args, port)
        if args[0] == "parse":
            args = [str(ROOT / a) if a.startswith("tests/") else a for a in args]
        # in the demo's folder, so that the files the commands write (--output, backup) land there
        result = cli(*args, env={"KOMMUNARKIV_DB": db}, timeout=120, cwd=folder)
        shown = " ".join(args)
        assert result.returncode == 0, f"kommunarkiv {shown}: exit {result.returncode}: {result.stderr[-500:]}"
        _finds_something(args, result.stdout, shown)
        ran.append(args[0])
    assert {"search", "export", "history", "watch", "parse", "warc", "reparse", "runs", "backup", "db"} <= set(ran)


def _finds_something(args: list[str], out: str, shown: str) -> None:
    if args[0] == "search":
        if "--json" in args:
            data = json.loads(out)
            assert (data["hits"] if isinstance(data, dict) else data), f"{shown} found nothing"
        elif "--csv" in args:
            assert list(csv.DictReader(io.StringIO(out))), f"{shown} found nothing"
        else:
            assert re.match(r"\d+ articles? match", out) and not out.startswith("0 "), f"{shown}: {out[:200]}"
    if args[0] == "export" and "--output" in args and args[args.index("--format") + 1] == "csv":
        assert re.match(r"[1-9]\d* articles written", out), f"{shown}: {out}"
    if args[0] == "history":
        assert "revision" in out and ("Kommunsamverkan på scen i Almedalen" in out), f"{shown}: {out[:300]}"


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], click.Command]:
    out = {}
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # click's way: the main group imports a command's module when asked
        command = group.get_command(ctx, name)
        assert command is not None, name
        out[prefix + (name,)] = command
        if isinstance(command, click.Group):
            out.update(_commands(command, prefix + (name,)))
    return out


COMMANDS = _commands(main)


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_every_command_and_option_is_in_the_readme(path):
    command = COMMANDS[path]
    lines = [line for line in README.splitlines() if f"kommunarkiv {' '.join(path)}" in line]
    assert lines, f"`kommunarkiv {' '.join(path)}` is not in the README"
    if isinstance(command, click.Group):
        return
    text = "\n".join(lines)
    for param in command.params:
        if param.name == "db":  # every command's, documented once: "`--db URL` (or `KOMMUNARKIV_DB`)"
            assert "`--db URL` (or `KOMMUNARKIV_DB`)" in README
            continue
        if isinstance(param, click.Option) and not param.hidden:
            names = param.opts
            assert any(re.search(re.escape(o) + r"(?![\w-])", text) for o in names), \
                f"kommunarkiv {' '.join(path)} {names[0]} is not shown on a README line of that command"


def test_every_readme_command_and_option_exists():
    commands = readme_commands()
    assert len(commands) >= 40
    for args in commands:
        path = (args[0],) if (args[0],) in COMMANDS else None
        if path and len(args) > 1 and path + (args[1],) in COMMANDS:
            path = path + (args[1],)
        assert path, f"the README names `kommunarkiv {' '.join(args)}`: no such command"
        command = COMMANDS[path]
        known = {o for p in command.params for o in getattr(p, "opts", [])} | {"--help"}
        for arg in args[len(path):]:
            option = arg.split("=", 1)[0]
            if option.startswith("--"):
                assert option in known, f"the README gives `kommunarkiv {' '.join(args)}`: {option} is no option"
