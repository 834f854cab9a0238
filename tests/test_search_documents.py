"""What the index is told about a report: a field's tokens are the same whichever way they are
counted (string by string for a short field, by array operations for a long one)."""
from __future__ import annotations

import random

from archive.search import documents
from archive.search.documents import field_tokens
from test_tokenizer import random_strings


def test_short_and_long_fields_are_counted_alike(monkeypatch) -> None:
    texts = random_strings(random.Random(20261130), count=600) + ["", "法", "ab", "abc 法治 12 法治 abc"]
    texts += ["".join(random.Random(n).choices("法治政府建设ab12 ，", k=400)) for n in range(20)]
    monkeypatch.setattr(documents, "SHORT_TEXT", 0)
    by_arrays = [field_tokens(text) for text in texts]
    monkeypatch.setattr(documents, "SHORT_TEXT", 10**9)
    by_strings = [field_tokens(text) for text in texts]
    assert by_arrays == by_strings
