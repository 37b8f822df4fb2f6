"""The driver diagram drawn and described: pure layout, matplotlib rendering, and the presenter
that turns a project into both (and into the text outline that goes beside the picture)."""
