"""Full-text search."""

from __future__ import annotations
