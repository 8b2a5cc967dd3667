"""HTML pages → a text dump of the article plus the metadata the page states about itself."""
