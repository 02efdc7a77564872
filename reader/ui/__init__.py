"""The Textual app: the only package of reader that imports textual or rich."""
