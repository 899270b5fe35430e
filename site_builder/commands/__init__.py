"""The commands: build (one linear pipeline), serve (a preview that rebuilds what changed) and new."""
