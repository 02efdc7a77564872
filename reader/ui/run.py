"""Start the app from the CLI: ``reader`` (or ``reader --demo``) without a command."""

from __future__ import annotations

import argparse
import shutil
import sys


def build(args: argparse.Namespace):
    """The app for ``args`` and what to clean up after it: ``(app, ctx, demo_dir)``.

    Bad settings give the defaults and a notice. The cache is opened, and the first screen's
    rows read, before Textual is imported (see reader.ui.db.open_db).
    """
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
    from reader.ui.db import open_db

    db = open_db(ctx.db_path)
    from reader.ui.app import make_app

    app = make_app(ctx, demo=bool(demo_dir), notices=notices, db=db)
    return app, ctx, demo_dir


def run(args: argparse.Namespace) -> int:
    """Build the app (see build), run it, clean up."""
    app, ctx, demo_dir = build(args)
    try:
        result = app.run()
    finally:
        ctx.close()
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)
    return int(result or app.return_code or 0)
