"""Build the SEND area inspections portal: content in, a static site out."""

__version__ = "0.1.0"
