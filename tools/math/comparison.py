"""Placeholder: operations for this topic are being written."""

from __future__ import annotations

__all__ = ["OPERATIONS"]

OPERATIONS = ()
