"""Related stories for the open article: title, source, age, and why they are related."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from rich.style import Style
from rich.text import Text
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.models import RelatedStory
from reader.ui.bindings import bind
from reader.ui.format import relative_time, safe


class RelatedList(OptionList):
    BINDINGS = [bind("down", "cursor_down"), bind("up", "cursor_up"), bind("open", "select")]


class RelatedPanel(Vertical):
    """Shows related stories; posts ``StoryChosen`` when one is opened."""

    @dataclasses.dataclass
    class StoryChosen(Message):
        article_id: int

    def compose(self):
        yield Label("Related stories", classes="panel-title")
        yield RelatedList(id="related-list")

    def show_loading(self) -> None:
        self._set([Option(Text("…", style="dim"), disabled=True)])

    def show_error(self, message: str) -> None:
        self._set([Option(Text(safe(message)[:200], style="dim"), disabled=True)])

    def show(self, stories: list[RelatedStory] | None, now: datetime) -> None:
        """``None`` means related stories are not available in this build."""
        if stories is None:
            self._set(
                [Option(Text("Related stories are not available.", style="dim"), disabled=True)]
            )
            return
        if not stories:
            self._set(
                [Option(Text("No related stories in the cache.", style="dim"), disabled=True)]
            )
            return
        options: list[Option | None] = []
        for story in stories:
            if options:
                options.append(None)  # a rule between stories
            options.append(Option(self._prompt(story, now), id=str(story.id)))
        self._set(options)

    @staticmethod
    def _prompt(story: RelatedStory, now: datetime) -> Text:
        text = Text()
        text.append(safe(story.title) or "(untitled)", Style(bold=True))
        text.append("\n")
        text.append(f"{safe(story.feed)} · {relative_time(story.published, now)}", Style(dim=True))
        if story.shared_entities:
            text.append("\n")
            text.append("shared: ", Style(dim=True))
            text.append(", ".join(safe(e) for e in story.shared_entities[:4]), Style(italic=True))
        if story.also_in:
            text.append("\n")
            text.append(
                "also in: " + ", ".join(safe(f) for f in story.also_in[:3]), Style(dim=True)
            )
        return text

    def _set(self, options: list[Option | None]) -> None:
        listing = self.query_one(RelatedList)
        listing.set_options(options)
        if options and options[0] is not None and not options[0].disabled:
            listing.highlighted = 0

    @property
    def story_ids(self) -> list[int]:
        listing = self.query_one(RelatedList)
        return [int(o.id) for o in listing.options if o.id]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.StoryChosen(int(event.option.id)))
