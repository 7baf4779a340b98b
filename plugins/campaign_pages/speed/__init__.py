"""The speed annex: what makes a build fast without changing what it makes. Forking work
onto a second core (:mod:`fork`, and :mod:`shared` for the posts read there), the store that
brings rendered pages back (:mod:`prerender`), and the garbage-collector settings
(:mod:`collector`) live here and nowhere else. The MkDocs adapter switches it on; the core
never imports it."""
