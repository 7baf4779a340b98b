"""Reading the site into the model: ``data/`` (:mod:`site`), the news posts' front matter
(:mod:`posts`) and the editors' block markers in Markdown pages (:mod:`blocks`), with
cross-references and dates resolved. Imports ``load``, the model and ``render.markup``."""
