"""What the pages show, as plain values computed from the model: campaigns, schedules and
departments (:mod:`campaigns`), news listings (:mod:`news`), statistics (:mod:`stats`).
Pure functions of the model and "today"; no templates, no paths."""
