"""The site writer owns site/: no path twice, nothing outside, swapped in whole."""
import pytest

from archive.site.writer import SiteWriter, WriteError


def test_a_finished_build_replaces_the_old_site_whole(tmp_path):
    site = tmp_path / "site"
    with SiteWriter(site) as writer:
        writer.write("old.html", "old")
    with SiteWriter(site) as writer:
        writer.write("a/index.html", "新")
        assert not (site / "a").exists(), "nothing appears in site/ before the build completes"
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == ["a", "a/index.html"]
    assert (site / "a/index.html").read_text(encoding="utf-8") == "新"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_a_failed_build_leaves_the_old_site_as_it_was(tmp_path):
    site = tmp_path / "site"
    with SiteWriter(site) as writer:
        writer.write("index.html", "old")
    with pytest.raises(RuntimeError):
        with SiteWriter(site) as writer:
            writer.write("index.html", "half")
            raise RuntimeError("render failed")
    assert (site / "index.html").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


@pytest.mark.parametrize("path", ["../escape.html", "/etc/passwd", "a/../../b", "", "dir/"])
def test_paths_outside_the_site_are_refused(tmp_path, path):
    with pytest.raises(WriteError, match="not a file path inside the site"):
        with SiteWriter(tmp_path / "site") as writer:
            writer.write(path, "x")


def test_the_same_path_twice_is_refused(tmp_path):
    with pytest.raises(WriteError, match="twice"):
        with SiteWriter(tmp_path / "site") as writer:
            writer.write("units/x/index.html", "a")
            writer.write("units/x/index.html", "b")
    assert not (tmp_path / "site").exists()
