"""Schemas of the 2021-2026 data: accelerators and their specifications, models since 2021."""

from __future__ import annotations

from dltrends.schemas.base import Schema

DATA: dict[str, Schema] = {}
