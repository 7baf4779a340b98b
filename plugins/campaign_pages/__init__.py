"""campaign-pages: campaign publicity sites for MkDocs + Material."""

__version__ = "0.1.0"
