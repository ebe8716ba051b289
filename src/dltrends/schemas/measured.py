"""Schemas of the measured-energy data.

MLPerf Power results, ML.ENERGY configurations, AI Energy Score, published headline figures.
"""

from __future__ import annotations

from dltrends.schemas.base import Schema

DATA: dict[str, Schema] = {}
