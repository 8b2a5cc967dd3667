"""Pure text transforms and source adapters: strings in, records out (no I/O, no Prefect)."""
