"""The MkDocs adapter: plugin hooks (:mod:`plugin`) that hand the core's outputs to MkDocs
through public ``mkdocs.*`` APIs only, so the plugin also runs on ProperDocs. The only
package that imports ``mkdocs``."""
