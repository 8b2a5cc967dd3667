"""Whole-page text dumps: find the story among a page's chrome and recover its headline."""
