"""The gazetteer completes a region from China's administrative divisions, never from a guess."""
import pytest

from archive.importer.gazetteer import parents_of


@pytest.mark.parametrize("place, parents", [
    ("乳山市", ("山东省", "威海市")),
    ("保德县", ("山西省", "忻州市")),
    ("万州区", ("重庆市",)),  # a district of a municipality: no 市辖区 placeholder
    ("东莞市", ("广东省",)),  # a prefecture-level city without counties
    ("仙桃市", ("湖北省",)),  # directly under its province
    ("山东省", ()),
])
def test_parents_are_read_from_the_division_table(place, parents):
    assert parents_of(place) == parents


@pytest.mark.parametrize("place", ["城区", "鼓楼区", "朝阳区", "绿塘乡", "不存在县"])
def test_ambiguous_or_unknown_names_get_no_parents(place):
    assert parents_of(place) is None
