"""Pilot tests: entity highlighting and panel, related stories and going back."""

from __future__ import annotations

import pytest

from reader.models import RelatedStory
from reader.store.articles_sql import View
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.entity_panel import EntityList, EntityPanel
from reader.ui.widgets.related_panel import (
    RelatedList,
    RelatedPanel,
    readable_terms,
    worth_showing,
)
from tests.ui.conftest import NOW, SIZE, article_id_by_title, settle


async def open_by_title(app, pilot, ctx, prefix: str) -> int:
    article_id = article_id_by_title(ctx, prefix)
    app.screen.open_article(article_id)
    await settle(pilot)
    app.screen.query_one(ArticleView).focus()
    return article_id


async def test_entities_are_highlighted_and_brackets_jump(make, demo_ctx, fakes):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_by_title(app, pilot, demo_ctx, "ECB cuts deposit rate")
        view = app.screen.query_one(ArticleView)
        names = [span.name for _, _, span in view.rendered.mentions]
        assert "Clara Reinholt" in names and "European Central Bank" in names
        start, end, span = view.rendered.mentions[0]
        assert str(view.rendered.text)[start:end] == span.text
        person = app.theme_variables["entity-person"].lower()
        first_person = next(m for m in view.rendered.mentions if m[2].label == "person")
        styles = [s.style for s in view.rendered.text.spans if s.start == first_person[0]]
        assert any(person in str(getattr(s, "color", "") and s.color.triplet.hex) for s in styles)
        await pilot.press("right_square_bracket")
        assert view.mention == 0
        await pilot.press("right_square_bracket", "left_square_bracket", "left_square_bracket")
        assert view.mention == view.mention_count - 1


async def test_entity_panel_lists_entities_and_opens_their_stories(make, demo_ctx, fakes):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_by_title(app, pilot, demo_ctx, "ECB cuts deposit rate")
        await pilot.press("e")
        await settle(pilot)
        panel = app.screen.query_one(EntityPanel)
        assert panel.display
        listing = app.screen.query_one(EntityList)
        assert app.focused is listing
        prompts = [str(o.prompt) for o in listing.options]
        assert "People" in prompts
        assert any("Clara Reinholt" in p and "×1" in p for p in prompts)
        chosen = listing.get_option_at_index(listing.highlighted)
        await pilot.press("enter")
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        assert articles.view == View("entity", chosen.id)
        assert app.focused is articles
        assert "Entity:" in app.screen.sub_title


async def test_related_panel_opens_a_story_and_back_returns(make, demo_ctx, fakes):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = await open_by_title(app, pilot, demo_ctx, "ECB cuts deposit rate")
        related = app.screen.query_one(RelatedList)
        assert related.option_count == 4
        await pilot.press("tab")
        assert app.focused is related
        target = int(related.get_option_at_index(related.highlighted).id)
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.article.id == target
        assert app.focused is view
        await pilot.press("escape")
        await settle(pilot)
        assert view.article.id == first


async def test_t_toggles_the_related_panel(make, demo_ctx, fakes):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        side = app.screen.query_one("#side")
        assert side.display
        await pilot.press("t")
        assert not side.display
        await pilot.press("t")
        await settle(pilot)
        assert side.display


async def test_real_entities_when_the_store_has_them(make, demo_ctx):
    if not hasattr(demo_ctx.store, "article_entities"):
        pytest.skip("store.article_entities not available yet")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_by_title(app, pilot, demo_ctx, "ECB cuts deposit rate")
        view = app.screen.query_one(ArticleView)
        assert view.mention_count > 0
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        assert articles.view.kind == "entity" and articles.total >= 1


async def test_entity_search_finds_stories(make, demo_ctx):
    if not hasattr(demo_ctx.store, "article_entities"):
        pytest.skip("entities not stored yet")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *'entity:"Clara Reinholt"', "enter")
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        assert articles.total >= 3


def _story(i: int, score: float, entities=(), terms=()) -> RelatedStory:
    return RelatedStory(
        i, f"Story {i}", f"https://x/{i}", "Feed", NOW, score, tuple(entities), tuple(terms)
    )


def test_only_stories_with_a_reason_or_a_strong_score_are_listed():
    stories = [
        _story(1, 0.7, ["Clara Reinholt"]),
        _story(2, 0.39, terms=["cut", "spring"]),  # the "Toronto by-election" case
        _story(3, 0.6, terms=["ransom"]),
        _story(4, 0.05, ["Germany"]),
        _story(5, 0.14, ["Germany"]),
    ]
    assert [s.id for s in worth_showing(stories)] == [1, 3, 5]


def test_stemmed_terms_are_never_shown_as_words():
    text = "Brussels residents said the fine was fair."
    assert readable_terms(["brussel", "resid", "fine", "fair"], text) == ["fine", "fair"]


async def test_related_panel_shows_reasons_and_says_when_there_are_none(make, demo_ctx):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(RelatedPanel)
        listing = app.screen.query_one(RelatedList)
        text = "Brussels fined the company; a fine it will appeal."
        panel.show(
            [
                _story(1, 0.7, ["Margit Sørensen"], ["fine"]),
                _story(2, 0.6, terms=["brussel", "fine", "appeal"]),
                _story(3, 0.3, terms=["company"]),
            ],
            NOW,
            text,
        )
        await pilot.pause()
        assert panel.story_ids == [1, 2]
        first = str(listing.get_option("1").prompt)
        assert "shared: Margit Sørensen" in first and "fine" not in first
        second = str(listing.get_option("2").prompt)
        assert "shared words: fine, appeal" in second and "brussel" not in second
        panel.show([_story(3, 0.3, terms=["company"])], NOW, text)
        await pilot.pause()
        assert panel.story_ids == []
        assert str(listing.get_option_at_index(0).prompt) == "No related stories in your cache."
