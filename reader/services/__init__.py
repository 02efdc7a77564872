"""Use cases (synchronous, safe to call from a thread or a subprocess). One module each."""
