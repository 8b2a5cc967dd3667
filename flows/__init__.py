"""Orchestration and I/O, in four subpackages that import one way: `cli` (the `newsnorm`
command) → `orchestration` (Prefect) → `engine` (runs as plain Python) → `stories`."""
