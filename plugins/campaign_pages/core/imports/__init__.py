"""``campaign import``: a plan document (its text, paragraph by paragraph) to campaign data.

Pure: the files are read by :mod:`campaign_pages.core.load.docx` and
:mod:`campaign_pages.core.load.textfile`; this package turns their blocks into the YAML of
the content contract, with a comment on each item naming where in the document it came from.
May import core.dates, core.due, core.model, core.problems; never mkdocs or speed.
"""
