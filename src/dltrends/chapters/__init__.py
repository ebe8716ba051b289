"""One module per page of the book: what the page shows, computed from the data.

A chapter's visible cells call these functions to make a figure or a table; one removed
cell per section glues the section's numbers (``glue_all(ch.<section>_numbers(...))``).
Every key that the prose shows is a literal string in exactly one of these modules, so
searching a number's key lands on the line that computes it.
"""
