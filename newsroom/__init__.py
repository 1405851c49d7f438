"""Newsroom: printed newspaper pages, as raw text, turned into articles. The Django project package."""
