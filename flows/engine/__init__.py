"""An ingest or reprocess run as plain Python: list, read, process, commit, record the run."""
