"""A Footer that rebuilds only when the keys it shows change.

Textual's Footer recomposes on every focus change; moving between panes whose shown keys are
the same then costs a restyle of every key for nothing.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class ReaderFooter(Footer):
    _shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (key, binding.action, binding.description, enabled)
            for key, (_node, binding, enabled, _tip) in screen.active_bindings.items()
            if binding.show
        )
        if shown == self._shown and self._bindings_ready:
            return
        self._shown = shown
        super().bindings_changed(screen)
