"""Every data file's schema, in one place: columns, types, plausible ranges, keys.

* :data:`DATA`: data/*.csv; :data:`REPORTED`: data/paper_reported/*.csv (values the
  sources print, references only); :data:`CURATION`: data/curation/*.csv (facts the book
  curates: the data dictionary, the files' sources, ...).
* One module per family of files: :mod:`.paper` (the three source documents),
  :mod:`.since_2021` (accelerators and models 2021-2026), :mod:`.measured` (published
  energy measurements), :mod:`.curation`.

:mod:`dltrends.data` loads and validates files against these schemas.
"""

from dltrends.schemas import curation, measured, paper, references, since_2021
from dltrends.schemas.base import EARLIEST_DATE, LATEST_DATE, Col, Schema

DATA: dict[str, Schema] = {**paper.DATA, **references.DATA, **since_2021.DATA, **measured.DATA}
REPORTED: dict[str, Schema] = dict(paper.REPORTED)
CURATION: dict[str, Schema] = dict(curation.CURATION)

__all__ = ["CURATION", "DATA", "EARLIEST_DATE", "LATEST_DATE", "REPORTED", "Col", "Schema"]
