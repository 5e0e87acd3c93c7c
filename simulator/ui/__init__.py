"""User interfaces: they render the engine's snapshots and never change them."""
