"""Charts of the chapter Measured energy."""

from __future__ import annotations
