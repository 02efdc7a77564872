"""The entities of the open article, by type, with mention counts; choosing one lists the
stories in the cache that mention it."""

from __future__ import annotations

import dataclasses

from rich.style import Style
from rich.text import Text
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.models import ENTITY_LABELS, EntityCount
from reader.ui.bindings import bind
from reader.ui.format import safe

LABEL_TITLES = {
    "person": "People",
    "org": "Organisations",
    "place": "Places",
    "group": "Groups",
    "event": "Events",
    "work": "Works",
    "other": "Other",
}


class EntityList(OptionList):
    BINDINGS = [bind("down", "cursor_down"), bind("up", "cursor_up"), bind("open", "select")]


class EntityPanel(Vertical):
    """Posts ``EntityChosen`` with the entity's key and name."""

    @dataclasses.dataclass
    class EntityChosen(Message):
        key: str
        name: str

    def compose(self):
        yield Label("Entities", classes="panel-title")
        yield EntityList(id="entity-list")

    def show(self, counts: list[EntityCount] | None, styles: dict[str, Style]) -> None:
        listing = self.query_one(EntityList)
        if counts is None:
            listing.set_options(
                [Option(Text("Entities are not available.", style="dim"), disabled=True)]
            )
            return
        if not counts:
            listing.set_options([Option(Text("No entities found.", style="dim"), disabled=True)])
            return
        options: list[Option] = []
        self._names: dict[str, str] = {}
        for label in ENTITY_LABELS:
            group = sorted(
                (c for c in counts if c.label == label), key=lambda c: (-c.mentions, c.name)
            )
            if not group:
                continue
            options.append(Option(Text(LABEL_TITLES[label], style="bold underline"), disabled=True))
            for count in group:
                prompt = Text("  ")
                prompt.append(safe(count.name), styles.get(label, Style()))
                prompt.append(f"  ×{count.mentions}", Style(dim=True))
                options.append(Option(prompt, id=count.key))
                self._names[count.key] = safe(count.name)
        listing.set_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        listing.highlighted = first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id
        if key:
            self.post_message(self.EntityChosen(key, self._names.get(key, key)))
