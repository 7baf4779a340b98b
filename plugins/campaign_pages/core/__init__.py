"""The core: from editors' files to every output, as data. Testable without MkDocs.

The flow, folder by folder: ``load`` (text and YAML with lines, the schema, problems) →
``read`` (the site's data and the news posts into the ``model``) → ``views`` (what each page
family shows, as plain values) → ``render`` (Jinja templates, Markdown from YAML) →
``outputs`` (every page, feed and calendar planned as a path and a way to make it).

The core imports neither MkDocs nor :mod:`campaign_pages.speed`, never forks, never touches
the garbage collector, never reads the clock ("today" is a setting) and never writes files
(``tests/test_layout.py`` checks this).
"""
