"""Loading editors' files: bytes to text (:mod:`textfile`), YAML with source lines
(:mod:`yamlsrc`) and the shape it must have (:mod:`schema`). Every mistake becomes a
:class:`~campaign_pages.core.problems.Problem`. Imports only ``core.problems``."""
