"""Plan the site: every page's address and the data it shows (pages/, one module per page family), the figures (charts, hex map),
the open data files and the feed. Nothing here renders HTML or writes a file."""
