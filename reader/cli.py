"""The ``reader`` command: parses arguments, loads settings, runs a command or the app.

Subcommands live in ``reader/commands/`` (one module each, found automatically); each has
``register(subparsers)`` which sets ``func`` to a ``run(args, ctx) -> int``. The Textual UI
is imported only when the app starts, so headless commands stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

from reader import __version__
from reader.errors import ReaderError


def _app_parser() -> argparse.ArgumentParser:
    """The options of ``reader`` itself (no command: the app)."""
    parser = argparse.ArgumentParser(
        prog="reader",
        description="A terminal news reader. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument("--db", type=Path, help="the cache database (default: user data dir)")
    parser.add_argument("--config", type=Path, help="the config file (default: user config dir)")
    parser.add_argument(
        "--demo", action="store_true", help="open the app on built-in demo stories (no network)"
    )
    return parser


def _only_app_options(argv: list[str]) -> bool:
    """Whether ``argv`` just opens the app (``--db X``, ``--config X``, ``--demo``): then
    the command modules need not be imported (~20 ms of the app's start-up)."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("--db", "--config") and i + 1 < len(argv):
            i += 2
        elif arg == "--demo" or arg.startswith(("--db=", "--config=")):
            i += 1
        else:
            return False
    return True


def build_parser() -> argparse.ArgumentParser:
    parser = _app_parser()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    import reader.commands as commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"reader.commands.{info.name}")
        register = getattr(module, "register", None)
        if register:
            register(sub)
    # --db and --config work before or after any command.
    for subparser in sub.choices.values():
        subparser.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="the cache")
        subparser.add_argument(
            "--config", type=Path, default=argparse.SUPPRESS, help="the config file"
        )
    return parser


def make_context(args: argparse.Namespace):
    from reader import paths
    from reader.config import load_config
    from reader.context import Context

    config_path = args.config or paths.default_config_path()
    config = load_config(config_path)
    db_path = args.db or paths.default_db_path()
    return Context(config=config, db_path=db_path, config_path=config_path)


def run_app(args: argparse.Namespace) -> int:
    from reader.ui.run import run as run_ui

    return run_ui(args)


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The arguments of ``reader ARGV...`` (``command`` is None for the app)."""
    if _only_app_options(argv):
        args = _app_parser().parse_args(argv)
        args.command = None
        return args
    return build_parser().parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    ctx = None
    try:
        if args.command is None:
            return run_app(args)
        ctx = make_context(args)
        return int(args.func(args, ctx) or 0)
    except ReaderError as exc:
        print(f"reader: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        # A full or read-only disk, a missing file ...: one line, no traceback.
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"reader: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        import sqlite3

        if not isinstance(exc, sqlite3.Error):
            raise
        # A read-only or full disk seen by SQLite ("attempt to write a readonly database",
        # "database or disk is full"): one line naming the cache; SQLite rolled back.
        where = ctx.db_path if ctx is not None else "the cache"
        print(f"reader: error: {where}: {exc}", file=sys.stderr)
        return 1
    finally:
        if ctx is not None:
            ctx.close()
