"""The speed annex: what makes a build fast without changing what it makes. Forking work
onto a second core, the store that brings rendered pages back, and the garbage-collector
settings live here and nowhere else. The MkDocs adapter switches it on; the core never
imports it."""
