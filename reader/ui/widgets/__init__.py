"""Widgets of the reader app (each posts messages up; parents set attributes down)."""
