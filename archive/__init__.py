"""The 法治报告 archive: reads Markdown reports and writes a static, searchable site."""
