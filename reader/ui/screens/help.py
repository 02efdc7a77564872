"""Help: the key table, generated from the bindings and the user's keymap."""

from __future__ import annotations

from rich.style import Style
from rich.table import Table
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.bindings import effective_keys


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", show=False),
    ]

    def __init__(self, keymap: dict[str, str]) -> None:
        super().__init__()
        self.keymap = keymap
        self.rows = [(shown, key.description) for key, shown in effective_keys(keymap)]

    def compose(self):
        table = Table(title="Keys", expand=False, show_edge=False, pad_edge=False)
        table.add_column("key", style=Style(bold=True))
        table.add_column("action")
        for shown, description in self.rows:
            table.add_row(shown, description)
        table.caption = "Every action is also in the command palette (Ctrl+P)."
        with VerticalScroll(id="help-box"):
            yield Static(table)
