"""Subcommands of ``reader``: one module each, exposing ``register(subparsers)``."""
