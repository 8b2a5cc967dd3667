"""Explicit, versioned Arrow schemas for every table, and strict record validation."""
