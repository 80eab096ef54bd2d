"""Swedish text analysis shared by indexing and querying: words and their Snowball stems.

The stemmer runs in Python for both back ends, so SQLite and PostgreSQL index the same tokens
and a query finds the same articles on both. å, ä and ö stay letters of their own: "får" is
never "far" (FTS5's default tokenizer folds diacritics, which would make it so).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import cast

import Stemmer

# A word is a run of letters and digits: "IT-drift" and "Kungsör's" are two words each.
_RUN = re.compile(r"[^\W_]+", re.UNICODE)
_STEMMER = Stemmer.Stemmer("swedish")


def words(text: str | None) -> list[str]:
    """Lower-cased words; "IT-drift" is two words, "it" and "drift"."""
    if not text:
        return []
    return _RUN.findall(unicodedata.normalize("NFC", text).lower())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return cast(str, _STEMMER.stemWord(word))
