"""Load and validate: read the content folder's YAML and Markdown safely, check them against the rules,
and build the domain's models from validated data (load.py), keeping each value's file and line."""
