"""The domain: the inspection vocabulary (vocabulary.py), the models of areas and events, and the facts
derived from them (status, deadlines, what happens next). Plain data and pure functions; no files, no HTML."""
