"""The importer: raw text copied off a government page → a Markdown report with front matter."""
