"""The articles app: reconstruction of newspaper pages into articles, their storage and their reading."""
