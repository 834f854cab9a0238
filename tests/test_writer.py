"""The site writer owns site/: no path twice, nothing outside, swapped in whole, unchanged files untouched."""
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.files import write_whole
from archive.site import writer as writer_module
from archive.site.writer import DeferredWrites, SiteWriter, WriteError

SPARE = ".site.spare"  # the retired site, recycled as the next build's staging folder
RECORD = ".site.files"  # which files the site and the spare hold


def build(site, files, **options):
    with SiteWriter(site, **options) as writer:
        for path, text in files.items():
            writer.write(path, text)


def tree(site):
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*")) if p.is_file()}


def beside(tmp_path):
    return sorted(p.name for p in tmp_path.iterdir())


def test_a_finished_build_replaces_the_old_site_whole(tmp_path):
    site = tmp_path / "site"
    build(site, {"old.html": "old"})
    with SiteWriter(site) as writer:
        writer.write("a/index.html", "新")
        assert not (site / "a").exists(), "nothing appears in site/ before the build completes"
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == ["a", "a/index.html"]
    assert (site / "a/index.html").read_text(encoding="utf-8") == "新"
    assert beside(tmp_path) == [RECORD, SPARE, "site"]


def test_a_failed_build_leaves_the_old_site_as_it_was(tmp_path):
    site = tmp_path / "site"
    build(site, {"index.html": "old"})
    build(site, {"index.html": "old", "b.html": "b"})
    with pytest.raises(RuntimeError):
        with SiteWriter(site) as writer:
            writer.write("index.html", "half")
            raise RuntimeError("render failed")
    assert tree(site) == {"index.html": "old", "b.html": "b"}
    assert beside(tmp_path) == [RECORD, SPARE, "site"], "the failed staging folder is the spare again"
    build(site, {"c.html": "c"})
    assert tree(site) == {"c.html": "c"}, "and the next build leaves nothing of it"


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


def test_unchanged_files_keep_their_inode_and_time_changed_ones_do_not_touch_the_live_site(tmp_path):
    site = tmp_path / "site"
    build(site, {"same.html": "同", "edited.html": "旧", "gone.html": "删"})
    first = {name: os.stat(site / name) for name in ("same.html", "edited.html")}
    for generation in range(3):  # the third build recycles the first build's folder
        live_edited = site / "edited.html"
        with SiteWriter(site) as writer:
            writer.write("same.html", "同")
            writer.write("edited.html", f"新{generation}")
            assert live_edited.read_text(encoding="utf-8") == ("旧" if generation == 0 else f"新{generation - 1}")
        assert tree(site) == {"same.html": "同", "edited.html": f"新{generation}"}
    now = os.stat(site / "same.html")
    assert (now.st_ino, now.st_mtime_ns) == (first["same.html"].st_ino, first["same.html"].st_mtime_ns)
    assert os.stat(site / "edited.html").st_ino != first["edited.html"].st_ino


def test_clean_builds_write_everything_anew_and_keep_no_spare(tmp_path):
    site = tmp_path / "site"
    build(site, {"a.html": "a"})
    before = os.stat(site / "a.html").st_ino
    build(site, {"a.html": "a"}, keep_unchanged=False)
    assert os.stat(site / "a.html").st_ino != before
    assert beside(tmp_path) == [RECORD, "site"]


def test_reuse_keeps_a_file_or_a_whole_folder_of_the_last_build(tmp_path):
    site = tmp_path / "site"
    build(site, {"search/p1/a.json": "1", "search/p1/b.json": "2", "x.html": "x"})
    with SiteWriter(site) as writer:
        assert writer.reuse("search/p1")
        assert not writer.reuse("search/p2")
        assert writer.keep_signed([("x.html", (999, 0))]) == set(), "a file that changed since the last build is not kept"
        writer.write("x.html", "y")
    assert tree(site) == {"search/p1/a.json": "1", "search/p1/b.json": "2", "x.html": "y"}


def test_staging_folders_of_killed_builds_are_cleaned_not_those_of_running_ones(tmp_path):
    site = tmp_path / "site"
    build(site, {"a.html": "a"}, keep_unchanged=False)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout.strip()
    (tmp_path / f".site.building-{dead}-abc").mkdir()
    (tmp_path / f".site.building-{dead}-abc" / "junk.html").write_text("junk")
    (tmp_path / f".site.building-{dead}-def").mkdir()
    running = tmp_path / f".site.building-{os.getppid()}-xyz"
    running.mkdir()
    build(site, {"a.html": "a"})
    assert tree(site) == {"a.html": "a"}
    assert beside(tmp_path) == [running.name, RECORD, SPARE, "site"]


def test_a_build_that_changes_nothing_stages_nothing_and_leaves_the_site_as_it_is(tmp_path):
    site = tmp_path / "site"
    build(site, {"a.html": "a", "search/p1/x.gz": "x"})
    folder, spare = os.stat(site).st_ino, os.stat(tmp_path / SPARE).st_ino
    with SiteWriter(site) as writer:
        writer.write("a.html", "a")
        assert writer.reuse("search/p1")
        assert writer.signature("a.html") == (1, os.stat(site / "a.html").st_mtime_ns)
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.building")] == []
    assert os.stat(site).st_ino == folder, "not swapped"
    assert beside(tmp_path) == [RECORD, SPARE, "site"] and os.stat(tmp_path / SPARE).st_ino == spare, "no staging folder was made"
    build(site, {"a.html": "a"})
    assert tree(site) == {"a.html": "a"}, "a file no longer written is removed: that build is staged"
    build(site, {"a.html": "a", "b.html": "b"})
    assert tree(site) == {"a.html": "a", "b.html": "b"}, "and so is one with a new file, keeping the rest"


def test_a_first_builds_spare_is_the_site_file_for_file_and_the_next_change_recycles_it(tmp_path):
    site = tmp_path / "site"
    build(site, {"a.html": "a", "d/b.html": "b", "d/e/c.html": "c"})
    assert tree(tmp_path / SPARE) == tree(site)
    assert all(os.stat(site / p).st_ino == os.stat(tmp_path / SPARE / p).st_ino for p in tree(site))
    spare = os.stat(tmp_path / SPARE).st_ino
    with SiteWriter(site) as writer:
        writer.write("a.html", "a")
        writer.write("d/b.html", "新")
        assert os.stat(writer.staging).st_ino == spare, "the spare is the staging folder"
        assert writer.staged_as_site == {"a.html", "d/b.html", "d/e/c.html"}, "known to be the site's files: nothing to link"
        assert writer.reuse("d/e/c.html")
    assert tree(site) == {"a.html": "a", "d/b.html": "新", "d/e/c.html": "c"}
    assert tree(tmp_path / SPARE) == {"a.html": "a", "d/b.html": "b", "d/e/c.html": "c"}


def test_a_failed_first_build_leaves_no_site_and_no_half_made_spare(tmp_path):
    site = tmp_path / "site"
    with pytest.raises(RuntimeError):
        with SiteWriter(site) as writer:
            writer.write("a.html", "a")
            raise RuntimeError("render failed")
    assert beside(tmp_path) == [RECORD, SPARE] and tree(tmp_path / SPARE) == {"a.html": "a"}, "the staging folder is the spare, not the spare being made"
    build(site, {"b.html": "b"})
    assert tree(site) == {"b.html": "b"}


def test_a_killed_builds_staging_folder_becomes_the_spare_and_is_listed_not_trusted(tmp_path):
    site = tmp_path / "site"
    build(site, {"a.html": "a"})
    build(site, {"a.html": "a", "b.html": "b"})  # the first site is now the spare, as recorded
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout.strip()
    killed = tmp_path / f".site.building-{dead}-recycled"
    (tmp_path / SPARE).rename(killed)  # a build took the spare as its staging folder, wrote into it, and was killed
    (killed / "half-written.html").write_text("x")
    build(site, {"a.html": "a", "c.html": "c"})
    assert tree(site) == {"a.html": "a", "c.html": "c"}
    assert beside(tmp_path) == [RECORD, SPARE, "site"]


_PATHS = ["index.html", "a/index.html", "a/b/index.html", "search/p/1.gz", "search/p/2.gz", "c.html"]
_SITES = st.dictionaries(st.sampled_from(_PATHS), st.sampled_from(["甲", "乙", "丙"]), min_size=1)


@pytest.mark.parametrize("tidy_apart_from", [writer_module.TIDY_APART_FROM, 1], ids=["spare-tidied-in-passing", "spare-tidied-beside"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(builds=st.lists(st.tuples(_SITES, st.booleans()), min_size=2, max_size=7))
def test_any_sequence_of_builds_gives_the_files_written_and_keeps_unchanged_ones(tmp_path_factory, monkeypatch, tidy_apart_from, builds):
    """Recycled staging folders take files they share with the site as they are, without looking:
    whatever the history of writes, failures and recycling, the site is exactly the last build's,
    whether the spare is tidied as it is recycled or beforehand in another process."""
    monkeypatch.setattr(writer_module, "TIDY_APART_FROM", tidy_apart_from)
    site = tmp_path_factory.mktemp("history") / "site"
    expected: dict[str, str] = {}
    for files, fails in builds:
        before = {path: (os.stat(site / path).st_ino, text) for path, text in expected.items()}
        if fails:
            with pytest.raises(RuntimeError):
                with SiteWriter(site) as writer:
                    for path, text in files.items():
                        writer.write(path, text)
                    raise RuntimeError("render failed")
        else:
            build(site, files)
            expected = dict(files)
        assert tree(site) == expected
        for path, (inode, text) in before.items():
            if expected.get(path) == text:
                assert os.stat(site / path).st_ino == inode, f"{path} kept"


def test_the_spare_is_tidied_beside_the_build_and_a_tidying_cut_short_harms_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(writer_module, "TIDY_APART_FROM", 1)
    site = tmp_path / "site"
    build(site, {"a.html": "a", "d/b.html": "b", "d/c.html": "c", "e/f.html": "f"})
    build(site, {"a.html": "a2", "d/b.html": "b", "g.html": "g"})  # the spare: a.html old, d/c.html and e/ gone since
    spare = tmp_path / SPARE
    with SiteWriter(site) as writer:
        assert writer.tidying is not None
        writer._finish_tidying()
        assert tree(spare) == {"a.html": "a2", "d/b.html": "b"} and not (spare / "e").exists()
        assert os.stat(spare / "a.html").st_ino == os.stat(site / "a.html").st_ino
        writer.write("a.html", "a2")
        writer.write("d/b.html", "b3")
        writer.write("g.html", "g")
    assert tree(site) == {"a.html": "a2", "d/b.html": "b3", "g.html": "g"}
    build(site, {"a.html": "a4", "h/i.html": "i"})
    writer_module._tidy(str(spare), str(site), {"d/b.html"}, set())  # the part of a tidying that ran before it was stopped
    build(site, {"a.html": "a4", "d/b.html": "b5", "g.html": "g"})
    assert tree(site) == {"a.html": "a4", "d/b.html": "b5", "g.html": "g"}


def test_a_file_replaced_beside_the_writer_is_the_one_kept(tmp_path):
    """The preview writes a saved report's page straight into its site; the rebuild that writes the
    same bytes keeps that file, not the spare's copy of the page as it was."""
    site = tmp_path / "site"
    build(site, {"a.html": "旧", "b.html": "1"})
    build(site, {"a.html": "旧", "b.html": "2"})  # the spare shares a.html with the site
    write_whole(site / "a.html", "新".encode())
    build(site, {"a.html": "新", "b.html": "3"})
    assert tree(site) == {"a.html": "新", "b.html": "3"}


def test_writes_recorded_in_another_process_are_applied_as_if_written_here(tmp_path):
    site = tmp_path / "site"
    build(site, {"search/p/1.gz": "一", "search/p/2.gz": "二", "search/f/1.gz": "甲", "a.html": "a"})
    waiting = tmp_path / "waiting"
    waiting.mkdir()
    deferred = DeferredWrites(site, keep_unchanged=True, folder=waiting)
    assert deferred.read("search/p/1.gz") == "一".encode()
    assert deferred.reuse("search/p") and not deferred.reuse("search/q")
    deferred.write("search/f/1.gz", "甲".encode())
    deferred.write("search/f/2.gz", "乙".encode())
    assert len(list(waiting.iterdir())) == 1, "a file with the site's bytes is reused, not written"
    kept = {path: os.stat(site / path).st_ino for path in ("search/p/1.gz", "search/f/1.gz")}
    with SiteWriter(site) as writer:
        writer.write("a.html", "a")
        writer.apply(deferred.recorded)
    assert tree(site) == {"search/p/1.gz": "一", "search/p/2.gz": "二", "search/f/1.gz": "甲", "search/f/2.gz": "乙", "a.html": "a"}
    assert {path: os.stat(site / path).st_ino for path in kept} == kept
    assert list(waiting.iterdir()) == [], "moved in"
    assert DeferredWrites(site, keep_unchanged=False, folder=waiting).reuse("search/p") is False, "--clean reuses nothing"


def test_a_reuse_recorded_for_a_file_gone_since_fails_the_build(tmp_path):
    site = tmp_path / "site"
    build(site, {"search/p/1.gz": "一", "a.html": "a"})
    deferred = DeferredWrites(site, keep_unchanged=True, folder=tmp_path)
    assert deferred.reuse("search/p/1.gz")
    (site / "search/p/1.gz").unlink()
    with pytest.raises(WriteError, match="changed in the site during the build"):
        with SiteWriter(site) as writer:
            writer.apply(deferred.recorded)
    assert tree(site) == {"a.html": "a"}
