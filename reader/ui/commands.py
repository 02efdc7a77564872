"""Command palette: every keyed action of the current screen, and one command per theme."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.ui.bindings import BY_ID


class ReaderCommands(Provider):
    """Actions with their keys (from the bindings table) and theme switching."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        commands: list[tuple[str, str, Callable[[], object]]] = []
        app, screen = self.app, self.screen
        for node in (screen, app):
            for binding in getattr(node, "BINDINGS", []):
                binding_id = getattr(binding, "id", None)
                if binding_id not in BY_ID or binding_id in ("down", "up", "open", "back"):
                    continue
                key = BY_ID[binding_id]
                action = binding.action
                commands.append(
                    (key.description, f"key: {key.display}", partial(node.run_action, action))
                )
        for name in sorted(app.available_themes):
            if name.startswith("reader-") or name == app.theme:
                commands.append(
                    (
                        f"Theme: {name}",
                        "switch the colour theme",
                        partial(setattr, app, "theme", name),
                    )
                )
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
