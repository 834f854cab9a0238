"""Where a build reads and writes: the editors' content and config, the theme, and site/."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CODE_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Project:
    content: Path
    config: Path
    site: Path
    templates: Path = CODE_ROOT / "templates"
    static: Path = CODE_ROOT / "static"
    # lunr.js comes from its pinned npm package, never from a hand-copied file.
    lunr_js: Path = CODE_ROOT / "node_modules" / "lunr" / "lunr.min.js"

    @classmethod
    def at(cls, root: Path) -> Project:
        return cls(content=root / "content", config=root / "config.yaml", site=root / "site")

    @property
    def display_root(self) -> Path:
        """Problems name files relative to here, e.g. content/2022/x.md."""
        return self.content.parent

    @property
    def cache(self) -> Path:
        """The build cache, beside the content (ignored by git, safe to delete)."""
        return self.display_root / ".build-cache"

    @property
    def watched(self) -> tuple[Path, ...]:
        return (self.content, self.templates, self.static, self.config)
