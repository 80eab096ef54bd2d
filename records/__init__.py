"""The bottom layer: the records every other part passes around (article, contact, capture, page
seen, site) and the pure functions that make them (page parsers, normalisation). It imports
nothing else of kommunarkiv, so any layer may use it."""
