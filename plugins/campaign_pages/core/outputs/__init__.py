"""Every output of a build, planned before anything is rendered: the generated pages and
post parts (:mod:`generator`), feeds, calendars, JSON-LD and Open Graph, the search index.
Each is a path and a way to make its content; the adapters decide where it goes."""
