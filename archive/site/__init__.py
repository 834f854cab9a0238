"""The site build: read and validate reports, group them, render pages, write and serve site/."""
