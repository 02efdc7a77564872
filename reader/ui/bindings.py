"""The one table of key bindings: ids, default keys and descriptions.

Widgets and screens build their ``BINDINGS`` from it with :func:`bind`, the help screen and
the README's key table are generated from it, and the user's ``[keys]`` config (binding id ->
keys) is applied with ``App.set_keymap``, so every place agrees.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    id: str
    keys: str  # Textual key names, comma separated
    description: str
    display: str  # how the help and the README show the default keys
    footer: bool = False
    short: str = ""  # the footer's label (defaults to the description)


KEYS: tuple[Key, ...] = (
    Key("down", "down,j", "Move down", "j / ↓"),
    Key("up", "up,k", "Move up", "k / ↑"),
    Key("open", "enter,l", "Open", "Enter / l"),
    Key("back", "escape,h", "Back", "Esc / h", footer=True),
    Key("next_pane", "tab", "Next pane", "Tab"),
    Key("prev_pane", "shift+tab", "Previous pane", "Shift+Tab"),
    Key("next_unread", "n", "Next unread", "n", footer=True, short="Unread"),
    Key("prev_unread", "N", "Previous unread", "N"),
    Key("page_down", "space", "Page down the article", "Space"),
    Key("page_up", "b", "Page up the article", "b"),
    Key("top", "g,home", "Go to the top", "g / Home"),
    Key("bottom", "G,end", "Go to the bottom", "G / End"),
    Key("toggle_read", "m", "Toggle read", "m"),
    Key("toggle_star", "s", "Toggle star", "s", footer=True, short="Star"),
    Key("mark_view_read", "A", "Mark the view read", "A"),
    Key("refresh_feed", "r", "Refresh the selected feed", "r"),
    Key("refresh_all", "R", "Refresh all feeds", "R", footer=True, short="Refresh"),
    Key("open_browser", "o", "Open the link in the browser", "o"),
    Key("copy_link", "y", "Copy the link (OSC 52)", "y"),
    Key("search", "slash", "Search (text, or entity:NAME)", "/", footer=True, short="Search"),
    Key("entities", "e", "Entity panel", "e", footer=True, short="Entities"),
    Key("next_mention", "right_square_bracket", "Next highlighted mention", "]"),
    Key("prev_mention", "left_square_bracket", "Previous highlighted mention", "["),
    Key("related", "t", "Toggle the related panel", "t", footer=True, short="Related"),
    Key("feed_info", "i", "Feed details and last error", "i"),
    Key("help", "question_mark", "Help", "?", footer=True),
    Key("quit", "q", "Quit", "q", footer=True),
)

BY_ID: dict[str, Key] = {k.id: k for k in KEYS}


def bind(binding_id: str, action: str, *, show: bool | None = None) -> Binding:
    """A Binding for ``action`` with the table's keys, description and id."""
    key = BY_ID[binding_id]
    return Binding(
        key.keys,
        action,
        key.short or key.description,
        show=key.footer if show is None else show,
        key_display=key.display.split(" / ")[0],
        tooltip=key.description,
        id=binding_id,
    )


def effective_keys(keymap: dict[str, str]) -> list[tuple[Key, str]]:
    """Each binding with the keys shown to the user, after the user's keymap."""
    out = []
    for key in KEYS:
        user = keymap.get(key.id)
        out.append((key, " / ".join(k.strip() for k in user.split(",")) if user else key.display))
    return out


def keys_markdown_table(keymap: dict[str, str] | None = None) -> str:
    """The keys as a Markdown table (for README and docs)."""
    lines = ["| key | action | binding id |", "|---|---|---|"]
    for key, shown in effective_keys(keymap or {}):
        lines.append(f"| `{shown}` | {key.description} | `{key.id}` |")
    return "\n".join(lines)


def unknown_ids(keymap: dict[str, str]) -> list[str]:
    """Ids in a user keymap that no binding has (reported, not fatal)."""
    return sorted(set(keymap) - set(BY_ID))
