"""Build tooling for the book: the pipeline, the benchmark, the ``dltrends`` command.

Nothing here is science, and no chapter imports it: chapters import :mod:`dltrends`
(the calculations) and :mod:`dltrends.display`. This subpackage needs the book's extra
dependencies (``pip install 'dltrends[book]'``): papermill, jupytext, nbformat, PyYAML
and Jupyter Book.

* :mod:`dltrends.build.paths`: where the book is (a clone of the repository).
* :mod:`dltrends.build.pipeline`: execute the chapters, write ``data/derived``, build.
* :mod:`dltrends.build.notebooks`: a chapter's text against its notebook; glued values.
* :mod:`dltrends.build.offline`: every way an HTML or CSS file can load something.
* :mod:`dltrends.build.bench`: times and sizes, without touching the repository.
* :mod:`dltrends.build.cli`: the ``dltrends`` command.
"""
