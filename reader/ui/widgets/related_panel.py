"""Related stories for the open article: title, source, age, and why they are related.

The related-stories service returns its best candidates whatever their score, so the panel
keeps only stories with a reason to show: shared entities, or a strong score.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
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

#: A story sharing entities is shown from this score up; one sharing none only from
#: ``MIN_SCORE_ALONE`` (in the demo, same-story articles without shared names score 0.53+,
#: unrelated ones sharing only common words up to 0.47).
MIN_SCORE_WITH_ENTITIES = 0.1
MIN_SCORE_ALONE = 0.5
EMPTY = "No related stories in your cache."


def worth_showing(stories: Sequence[RelatedStory]) -> list[RelatedStory]:
    """The stories with a reason to be listed (shared entities, or a strong score)."""
    return [
        s
        for s in stories
        if (s.shared_entities and s.score >= MIN_SCORE_WITH_ENTITIES) or s.score >= MIN_SCORE_ALONE
    ]


def readable_terms(terms: Sequence[str], text: str) -> list[str]:
    """The shared terms that are words of ``text`` as written: the ranker's terms are stems
    ("brussel", "resid"), which must not be shown as if they were words."""
    words = {w.casefold() for w in re.findall(r"\w+", text)}
    return [t for t in terms if t.casefold() in words]


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

    def show(self, stories: list[RelatedStory], now: datetime, text: str = "") -> None:
        """``text`` is the open article's text (shared terms are shown only as words it
        contains)."""
        stories = worth_showing(stories)
        if not stories:
            self._set([Option(Text(EMPTY, style="dim"), disabled=True)])
            return
        options: list[Option | None] = []
        for story in stories:
            if options:
                options.append(None)  # a rule between stories
            options.append(Option(self._prompt(story, now, text), id=str(story.id)))
        self._set(options)

    @staticmethod
    def _prompt(story: RelatedStory, now: datetime, article_text: str = "") -> Text:
        text = Text()
        text.append(safe(story.title) or "(untitled)", Style(bold=True))
        text.append("\n")
        text.append(f"{safe(story.feed)} · {relative_time(story.published, now)}", Style(dim=True))
        if story.shared_entities:
            text.append("\n")
            text.append("shared: ", Style(dim=True))
            text.append(", ".join(safe(e) for e in story.shared_entities[:4]), Style(italic=True))
        else:
            words = readable_terms(story.shared_terms, article_text)[:4]
            if words:
                text.append("\n")
                text.append("shared words: ", Style(dim=True))
                text.append(", ".join(safe(w) for w in words), Style(italic=True))
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
