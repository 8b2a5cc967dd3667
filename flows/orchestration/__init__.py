"""Prefect glue: the `ingest-articles` flow, where its batches run, `serve`, a local server."""
