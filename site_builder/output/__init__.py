"""Render and write: templates to HTML (render.py), the only module that writes files (write.py),
and the search index (search.py)."""
