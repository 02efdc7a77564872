"""Demo content shipped with reader: sample stories written for this project (no network)."""
