"""Turning values into text: the Jinja renderer with overridable templates
(:mod:`renderer`), Markdown from YAML, sanitised (:mod:`markup`), and the two Markdown
extensions the site's pages get (:mod:`headings` for ``{#id}``, :mod:`cjk` for Chinese line
joins). The templates themselves are package data in ``campaign_pages/templates``."""
