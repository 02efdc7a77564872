"""Start the app from the CLI: ``reader`` (or ``reader --demo``) without a command."""

from __future__ import annotations

import argparse
import shutil
import sys


def run(args: argparse.Namespace) -> int:
    """Build the context (bad settings: defaults and a notice), then run the app."""
    from reader import paths
    from reader.cli import make_context
    from reader.config import Config
    from reader.context import Context
    from reader.errors import ConfigError

    notices: list[str] = []
    try:
        ctx = make_context(args)
    except ConfigError as exc:
        notices.append(f"Settings not loaded: {exc}. Using the defaults.")
        ctx = Context(
            config=Config(),
            db_path=args.db or paths.default_db_path(),
            config_path=args.config or paths.default_config_path(),
        )
    demo_dir = None
    if getattr(args, "demo", False):
        from reader.demo.build import demo_db

        print("reader: preparing the demo…", file=sys.stderr)
        ctx.db_path = demo_db()
        demo_dir = ctx.db_path.parent
    from reader.ui.app import make_app

    app = make_app(ctx, demo=bool(demo_dir), notices=notices)
    try:
        result = app.run()
    finally:
        ctx.close()
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)
    return int(result or app.return_code or 0)
