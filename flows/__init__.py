"""Prefect flows, their plain-Python steps, and the `newsnorm` command line."""
