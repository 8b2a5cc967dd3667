"""Copies of one story across sites: linking new articles, and the stories report's data."""
