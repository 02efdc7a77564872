"""Unit tests of the UI's pure parts: themes, highlighting, key tables, the CLI entry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.style import Style

from reader.models import Article, Block, EntitySpan
from reader.ui import bindings
from reader.ui.highlight import block_styles, render_article
from reader.ui.themes import ThemeError, load_themes, theme_from_toml

ROOT = Path(__file__).resolve().parents[2]


def test_bundled_themes_load_with_entity_colours():
    loaded = load_themes([ROOT / "themes"])
    assert loaded.errors == []
    names = {t.name for t in loaded.themes}
    assert {"reader-dark", "reader-light", "reader-contrast", "reader-nord"} <= names
    for theme in loaded.themes:
        assert {f"entity-{x}" for x in ("person", "org", "place")} <= set(theme.variables)


@pytest.mark.parametrize(
    "body, message",
    [
        ("name = 'x'\n", "[colors] with at least primary"),
        ("[colors]\nprimary = 'nope'\n", "not a colour"),
        ("[colors]\nprimary = '#fff'\n[entities]\nalien = '#fff'\n", "unknown entity types"),
        ("[colors\n", "not valid TOML"),
    ],
)
def test_bad_theme_files_say_what_is_wrong(tmp_path, body, message):
    path = tmp_path / "bad.toml"
    path.write_text(body)
    with pytest.raises(ThemeError, match=re.escape(message)):
        theme_from_toml(path)


def test_highlight_maps_offsets_through_blocks_and_prefixes():
    blocks = (Block("paragraph", "Clara Reinholt spoke."), Block("list_item", "In Frankfurt."))
    text = "Clara Reinholt spoke.\n\nIn Frankfurt."
    article = Article(1, 1, "g", title="T", text=text, blocks=blocks, feed_title="F")
    spans = [
        EntitySpan("Clara Reinholt", "person", 0, 14, "person:clara reinholt"),
        EntitySpan("Frankfurt", "place", 26, 35, "place:frankfurt"),
    ]
    styles = {"person": Style(color="red"), "place": Style(color="green")}
    rendered = render_article(article, spans, styles)
    shown = str(rendered.text)
    assert [shown[s:e] for s, e, _ in rendered.mentions] == ["Clara Reinholt", "Frankfurt"]
    assert "  • In Frankfurt." in shown


def test_captions_are_italic_in_a_theme_derived_colour_and_keep_offsets():
    blocks = (
        Block("paragraph", "Clara Reinholt spoke."),
        Block("caption", "Clara Reinholt in Frankfurt."),
        Block("paragraph", "Paris agreed."),
    )
    text = "\n\n".join(b.text for b in blocks)
    article = Article(1, 1, "g", title="T", text=text, blocks=blocks, feed_title="F")
    spans = [
        EntitySpan("Clara Reinholt", "person", 0, 14, "person:clara reinholt"),
        EntitySpan("Clara Reinholt", "person", 23, 37, "person:clara reinholt"),
        EntitySpan("Frankfurt", "place", 41, 50, "place:frankfurt"),
        EntitySpan("Paris", "place", 53, 58, "place:paris"),
    ]
    assert [text[s.start : s.end] for s in spans] == [s.text for s in spans]
    kinds = block_styles({"foreground": "#ffffff", "background": "#000000"})
    entity = {"person": Style(color="red"), "place": Style(color="green")}
    rendered = render_article(article, spans, entity, blocks_style=kinds)
    shown = str(rendered.text)
    assert [shown[s:e] for s, e, _ in rendered.mentions] == [s.text for s in spans]
    assert "  Clara Reinholt in Frankfurt." in shown
    caption = kinds["caption"]
    assert caption.italic and caption.color is not None
    assert caption.color.get_truecolor().red == 153  # between foreground and background
    start = shown.index("Clara Reinholt in")
    styles_there = [s.style for s in rendered.text.spans if s.start <= start + 16 < s.end]
    assert caption in styles_there
    # Without theme colours (or with odd ones) a caption is still italic and dim.
    fallback = block_styles({})["caption"]
    assert fallback.italic and fallback.dim


def test_highlight_drops_spans_of_blocks_the_sanitiser_changed():
    blocks = (Block("paragraph", "Evil \x1b[31mred\x1b[0m Paris"),)
    article = Article(1, 1, "g", title="T", text=blocks[0].text, blocks=blocks)
    span = EntitySpan("Paris", "place", 19, 24, "place:paris")
    rendered = render_article(article, [span], {})
    assert rendered.mentions == []
    assert "\x1b" not in str(rendered.text)


def test_every_binding_id_is_unique_and_the_docs_table_is_current():
    ids = [k.id for k in bindings.KEYS]
    assert len(ids) == len(set(ids))
    docs = ROOT / "docs" / "app.md"
    text = docs.read_text(encoding="utf-8")
    assert bindings.keys_markdown_table() in text, "run python scripts/keys_table.py"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert bindings.keys_markdown_table() in readme, "run python scripts/keys_table.py"


def test_user_keymap_changes_the_shown_keys():
    shown = dict((k.id, s) for k, s in bindings.effective_keys({"next_unread": "x,ctrl+n"}))
    assert shown["next_unread"] == "x / ctrl+n"
    assert bindings.unknown_ids({"nope": "z", "help": "h"}) == ["nope"]


def test_run_starts_with_defaults_and_a_notice_when_the_config_is_bad(tmp_path, monkeypatch):
    from reader.ui import app as app_module
    from reader.ui import run as run_module

    config = tmp_path / "config.toml"
    config.write_text("[display]\nwidth = 'wide'\n")
    seen = {}

    def fake_run(self):
        seen["notices"] = list(self.notices)
        seen["db"] = self.ctx.db_path
        return 0

    monkeypatch.setattr(app_module.ReaderApp, "run", fake_run)
    args = type("Args", (), {"db": tmp_path / "x.db", "config": config, "demo": False})()
    assert run_module.run(args) == 0
    assert seen["db"] == tmp_path / "x.db"
    assert any("Settings not loaded" in n and "width" in n for n in seen["notices"])
