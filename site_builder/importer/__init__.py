"""The importer: proposes content/areas/ files from official data (run.py), never overwriting a maintainer's
edit. It stands apart from the builder: nothing here imports the builder and the builder never imports this."""
