"""The left pane: smart views (All, Unread, Starred, Today), then feeds grouped by tag.

Labels are built as Text (never markup: feed titles come from the network). A feed whose last
refresh failed is marked with "!"; its error is one key away (``i``).
"""

from __future__ import annotations

import dataclasses

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from reader.models import Feed
from reader.store.articles_sql import View
from reader.ui.bindings import bind
from reader.ui.format import safe

SMART_VIEWS = (("all", "All"), ("unread", "Unread"), ("starred", "Starred"), ("today", "Today"))
UNTAGGED = "Feeds"
#: Above this many feeds, tags start folded and their feeds are added when first unfolded:
#: building thousands of tree nodes would delay the first screen.
EXPAND_LIMIT = 300


@dataclasses.dataclass(frozen=True)
class ViewRef:
    """What a tree node stands for."""

    view: View
    title: str
    feed: Feed | None = None


def view_title(view: View, feeds: dict[int, Feed] | None = None) -> str:
    """A human name for a view (for the header)."""
    names = dict(SMART_VIEWS)
    if view.kind in names:
        return names[view.kind]
    if view.kind == "feed" and feeds and int(view.value or 0) in feeds:
        return safe(feeds[int(view.value or 0)].display_title)
    if view.kind == "tag":
        return f"Tag: {safe(str(view.value))}"
    if view.kind == "search":
        return f"Search: {safe(str(view.value))}"
    if view.kind == "entity":
        return f"Entity: {safe(str(view.value).split(':', 1)[-1])}"
    return view.kind


class FeedTree(Tree[ViewRef]):
    """Views and subscriptions; posts ``ViewChosen`` on Enter."""

    BINDINGS = [
        bind("down", "cursor_down"),
        bind("up", "cursor_up"),
        bind("open", "select_cursor"),
        bind("top", "scroll_home"),
        bind("bottom", "scroll_end"),
    ]

    @dataclasses.dataclass
    class ViewChosen(Message):
        ref: ViewRef

    def __init__(self, **kwargs) -> None:
        self._unread: dict[int, int] = {}  # node id -> unread count shown (used by the root)
        super().__init__("reader", **kwargs)
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False  # Enter on a tag opens the tag view, it does not fold it
        self.feeds: dict[int, Feed] = {}
        self._view_nodes: dict[View, TreeNode[ViewRef]] = {}
        self._counts: dict[str, int] = {}
        self._feed_nodes: dict[int, list[TreeNode[ViewRef]]] = {}
        self._tag_nodes: dict[str, TreeNode[ViewRef]] = {}

    @staticmethod
    def _label(name: str, *, failed: bool = False) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        if failed:
            text.append("! ", Style(color="red", bold=True))
        text.append(name)
        return text

    def _set_unread(self, node: TreeNode[ViewRef], unread: int) -> None:
        """Set the count drawn at the right edge of ``node``'s line."""
        if self._unread.get(node.id) != unread:
            self._unread[node.id] = unread
            node.refresh()

    def render_label(self, node: TreeNode[ViewRef], base_style: Style, style: Style) -> Text:
        """The name, then the unread count right-aligned (dim) at the pane's edge."""
        text = super().render_label(node, base_style, style)
        unread = self._unread.get(node.id, 0)
        if not unread:
            return text
        count = f" {unread:>3}"
        depth, parent = 0, node.parent
        while parent is not None and parent is not self.root:
            depth, parent = depth + 1, parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth - len(count)
        if room > 4:
            named = len(text)
            text.truncate(room, overflow="ellipsis", pad=True)
            text.stylize(style, min(named, room))  # the cursor's colour runs to the count
        text.append(count, Style(dim=True) + style)
        return text

    def set_feeds(self, feeds: list[Feed], counts: dict[str, int]) -> None:
        """Rebuild the tree; the cursor stays on the same view when it still exists."""
        keep = self.cursor_node.data.view if self.cursor_node and self.cursor_node.data else None
        self.feeds = {f.id: f for f in feeds}
        self._counts = dict(counts)
        self.clear()
        self._view_nodes, self._feed_nodes, self._tag_nodes = {}, {}, {}
        self._unread = {}
        for kind, title in SMART_VIEWS:
            view = View(kind)
            node = self.root.add_leaf(self._label(title), ViewRef(view, title))
            self._unread[node.id] = counts.get(kind, 0)
            self._view_nodes[view] = node
        by_tag: dict[str, list[Feed]] = {}
        for feed in feeds:
            for tag in feed.tags or (UNTAGGED,):
                by_tag.setdefault(tag, []).append(feed)
        expand = len(feeds) <= EXPAND_LIMIT
        self._pending: dict[int, list[Feed]] = {}
        for tag in sorted(by_tag, key=lambda t: (t == UNTAGGED, t.lower())):
            members = by_tag[tag]
            unread = sum(f.unread for f in members)
            tag_view = View("tag", tag) if tag != UNTAGGED else View("all")
            group = self.root.add(
                self._label(safe(tag)), ViewRef(tag_view, safe(tag)), expand=expand
            )
            self._unread[group.id] = unread
            self._tag_nodes[tag] = group
            if tag != UNTAGGED:
                self._view_nodes[tag_view] = group
            if expand or (
                keep is not None and keep.kind == "feed" and keep in self._views_of(members)
            ):
                self._add_feeds(group, members)
            else:
                group.allow_expand = True
                self._pending[group.id] = members
        target = self._view_nodes.get(keep) if keep else None
        self.move_cursor(target or self._view_nodes[View("all")], animate=False)

    @staticmethod
    def _views_of(feeds: list[Feed]) -> set[View]:
        return {View("feed", f.id) for f in feeds}

    def _add_feeds(self, group: TreeNode[ViewRef], feeds: list[Feed]) -> None:
        for feed in feeds:
            view = View("feed", feed.id)
            title = safe(feed.display_title)
            node = group.add_leaf(
                self._label(title, failed=feed.last_status == "error"), ViewRef(view, title, feed)
            )
            self._unread[node.id] = feed.unread
            self._view_nodes.setdefault(view, node)
            self._feed_nodes.setdefault(feed.id, []).append(node)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[ViewRef]) -> None:
        members = self._pending.pop(event.node.id, None)
        if members is not None:
            self._add_feeds(event.node, members)

    def adjust_unread(self, feed_id: int, delta: int) -> None:
        """Change unread counts after marking without reloading (cheap on big caches)."""
        feed = self.feeds.get(feed_id)
        if feed is None or not delta:
            return
        feed = dataclasses.replace(feed, unread=max(0, feed.unread + delta))
        self.feeds[feed_id] = feed
        for node in self._feed_nodes.get(feed_id, []):
            self._set_unread(node, feed.unread)
        for tag in feed.tags or (UNTAGGED,):
            node = self._tag_nodes.get(tag)
            if node is not None:
                unread = sum(
                    f.unread for f in self.feeds.values() if tag in (f.tags or (UNTAGGED,))
                )
                self._set_unread(node, unread)
        for kind in ("unread",):
            self._counts[kind] = max(0, self._counts.get(kind, 0) + delta)
            self._set_unread(self._view_nodes[View(kind)], self._counts[kind])

    def select_view(self, view: View) -> None:
        node = self._view_nodes.get(view)
        if node is not None:
            self.move_cursor(node, animate=False)

    @property
    def highlighted(self) -> ViewRef | None:
        node = self.cursor_node
        return node.data if node else None

    def on_tree_node_selected(self, event: Tree.NodeSelected[ViewRef]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.ViewChosen(event.node.data))
