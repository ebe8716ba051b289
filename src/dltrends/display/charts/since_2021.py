"""Charts of the chapter What happened next (2021-2026)."""

from __future__ import annotations
