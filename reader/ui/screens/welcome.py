"""First run with an empty cache: add a feed, import an OPML file, or open the demo."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Static

from reader.sanitize import clean_line

INTRO = (
    "Welcome to reader.\n\n"
    "Your cache is empty. Subscribe to a feed (a feed URL or a site's address), import the "
    "OPML file another reader exported, or look around the demo first."
)


class WelcomeScreen(Screen[bool]):
    """Dismissed with True once the cache has something to show."""

    BINDINGS = [Binding("escape", "app.quit", "Quit", show=False)]

    def compose(self):
        with Vertical(id="welcome-box"):
            yield Static(Text(INTRO))
            yield Label("Add a feed", classes="section")
            with Horizontal(classes="row"):
                yield Input(placeholder="https://example.com/feed.xml", id="url")
                yield Button("Add", id="add", variant="primary")
            yield Label("Import subscriptions (OPML)", classes="section")
            with Horizontal(classes="row"):
                yield Input(placeholder="~/subscriptions.opml", id="opml")
                yield Button("Import", id="import")
            with Horizontal(classes="row"):
                yield Button("Open the demo", id="demo", variant="success")
                yield Button("Quit", id="quit", variant="error")
            yield Static("", id="welcome-status")

    def on_mount(self) -> None:
        self.query_one("#url").focus()

    def say(self, message: str) -> None:
        self.query_one("#welcome-status", Static).update(Text(clean_line(message)))

    @on(Button.Pressed, "#add")
    @on(Input.Submitted, "#url")
    def add_pressed(self) -> None:
        url = self.query_one("#url", Input).value.strip()
        if url:
            self.say(f"Adding {url}…")
            self.subscribe(url, None)

    @on(Button.Pressed, "#import")
    @on(Input.Submitted, "#opml")
    def import_pressed(self) -> None:
        path = self.query_one("#opml", Input).value.strip()
        if path:
            self.say(f"Importing {path}…")
            self.subscribe(None, Path(path).expanduser())

    @on(Button.Pressed, "#quit")
    def quit_pressed(self) -> None:
        self.app.exit()

    @work(thread=True, exclusive=True, group="welcome")
    def subscribe(self, url: str | None, opml: Path | None) -> None:
        """Discovery and OPML reading block on the network and disk: a thread of its own."""
        from reader.errors import ReaderError
        from reader.services import subscriptions
        from reader.store import Store

        app = self.app
        config = app.ctx.config.refresh
        store = Store.open(app.ctx.db_path)
        try:
            if url is not None:
                result = subscriptions.add_subscription(
                    store, url, timeout=config.timeout, max_bytes=config.max_bytes
                )
                message = f"Subscribed to {result.feed.display_title}."
                if result.warning:
                    message += f" ({result.warning})"
            else:
                imported = subscriptions.import_opml(store, opml)
                message = f"Imported {len(imported.added)} feeds."
                if not imported.added and not imported.skipped:
                    app.call_from_thread(self.say, "That file lists no feeds.")
                    return
        except (ReaderError, OSError) as exc:
            app.call_from_thread(self.say, f"Could not add: {exc}")
            return
        finally:
            store.close()
        app.call_from_thread(self.finish, message, True)

    def finish(self, message: str, refresh: bool) -> None:
        self.app.notify(message, timeout=4, markup=False)
        self.dismiss(refresh)

    @on(Button.Pressed, "#demo")
    @work(exclusive=True, group="welcome")
    async def open_demo(self) -> None:
        self.say("Preparing the demo (the first time takes a few seconds)…")
        try:
            path = await self.app.build_demo()
        except RuntimeError as exc:
            self.say(f"Could not build the demo: {exc}")
            return
        self.app.switch_db(path, demo=True)
        self.dismiss(False)
