"""Reporters and regions."""

from __future__ import annotations
