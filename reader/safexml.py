"""The one way reader parses untrusted XML (feeds, OPML files)."""

from __future__ import annotations


def xml_parser(*, recover: bool = False):
    """An lxml parser that expands no entities, loads no DTD and never touches the network;
    ``recover`` parses what it can of a document that is not well-formed."""
    from lxml import etree

    return etree.XMLParser(
        recover=recover,
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
