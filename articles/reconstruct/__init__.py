"""The engine: raw page text in, articles out. Pure Python, no Django (see README, Design)."""
