"""The reader app and its factory: the CLI, the tests and the screenshot script all build the
app with :func:`make_app`, passing their context (and, in tests, a fixed clock)."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from textual.app import App

from reader.context import Context
from reader.ui.bindings import bind, unknown_ids
from reader.ui.commands import ReaderCommands
from reader.ui.db import Db
from reader.ui.refresh import refresh_argv
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.main import MainScreen
from reader.ui.sources import ListSource
from reader.ui.themes import ENTITY_DEFAULTS, initial_theme, load_themes, save_state

RefreshCommand = Callable[[int | None], Sequence[str]]


class ReaderApp(App[int]):
    """A terminal news reader over the local cache."""

    CSS_PATH = "app.tcss"
    TITLE = "reader"
    COMMANDS = App.COMMANDS | {ReaderCommands}
    BINDINGS = [bind("quit", "quit"), bind("help", "help")]

    def __init__(
        self,
        ctx: Context,
        *,
        now: datetime | None = None,
        refresh_command: RefreshCommand | None = None,
        demo: bool = False,
        notices: Sequence[str] = (),
        theme_dirs: list[Path] | None = None,
        db: Db | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.fixed_now = now
        self.demo = demo
        self._refresh_command = refresh_command
        self.db = db or Db(ctx.db_path)
        self.list_source = ListSource(self.db.main)
        loaded = load_themes(theme_dirs)
        for theme in loaded.themes:
            self.register_theme(theme)
        self.notices = [*notices, *loaded.errors]
        self._remember_theme = False

    def now(self) -> datetime:
        """The clock the UI shows relative times against (fixed in tests)."""
        return self.fixed_now or datetime.now(UTC)

    def refresh_command(self, feed_id: int | None) -> Sequence[str]:
        if self._refresh_command is not None:
            return self._refresh_command(feed_id)
        return refresh_argv(self.ctx.db_path, self.ctx.config_path, feed_id)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(ENTITY_DEFAULTS)

    def on_mount(self) -> None:
        self.theme = initial_theme(self.ctx.config.theme, set(self.available_themes))
        self._remember_theme = True
        keys = self.ctx.config.keys
        if keys:
            self.set_keymap(keys)
            bad = unknown_ids(keys)
            if bad:
                self.notices.append(f"[keys] has unknown binding ids: {', '.join(bad)}")
        for notice in self.notices:
            self.notify(notice, severity="warning", timeout=8, markup=False)
        self.push_screen(MainScreen())

    def watch_theme(self, name: str) -> None:
        if self._remember_theme:
            save_state(theme=name, config_theme=self.ctx.config.theme)

    def action_help(self) -> None:
        self.push_screen(HelpScreen(dict(self._keymap)))

    def show_welcome(self) -> None:
        from reader.ui.screens.welcome import WelcomeScreen

        def done(refresh: bool | None) -> None:
            main = self.screen
            if isinstance(main, MainScreen):
                main.reload(keep_place=False)
                if refresh:
                    main.action_refresh_all()

        self.push_screen(WelcomeScreen(), done)

    def switch_db(self, path: Path, *, demo: bool = False) -> None:
        """Work on another cache (the demo opened from the welcome screen)."""
        self.db.close()
        self.ctx.close()
        self.ctx.db_path = path
        self.demo = demo
        self.db = Db(path)
        self.list_source = ListSource(self.db.main)

    async def build_demo(self) -> Path:
        """Build (or reuse) the demo cache in a child process: analysis is CPU-heavy."""
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            "from reader.demo.build import demo_db; print(demo_db())",
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await proc.communicate()
        if proc.returncode != 0:
            lines = err.decode("utf-8", "replace").strip().splitlines()
            raise RuntimeError(lines[-1] if lines else "could not build the demo")
        return Path(out.decode().strip().splitlines()[-1])

    def on_unmount(self) -> None:
        self.db.close()


def make_app(ctx: Context, **options) -> ReaderApp:
    """Build the app over ``ctx`` (see ReaderApp for the options)."""
    return ReaderApp(ctx, **options)
