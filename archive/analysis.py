"""What indexing needs of a record, its text analysed once: the words and Swedish stems of the
title and of lead and body, the topics and the body's MinHash signature."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from archive.stories import signature_of
from archive.text import stem
from archive.text import words as text_words
from archive.topics import classify


@dataclass
class Analysis:
    """What indexing needs of a record, its text analysed once. A pure function of the record,
    so it may be made ahead, in another process."""

    title_words: str
    title_stems: str
    words: str
    stems: str
    topics: list[str]
    signature: np.ndarray | None

    @classmethod
    def of(cls, record: dict[str, Any]) -> Analysis:
        """Each field's words once: the index of title and of lead and body (the same as
        words and stems of each), the topics (topics.classify) and the body's MinHash."""
        title, lead, body = record.get("title"), record.get("lead"), record.get("body") or ""
        title_words, lead_words, body_words = text_words(title), text_words(lead), text_words(body)
        title_stems, text_stems = list(map(stem, title_words)), list(map(stem, lead_words + body_words))
        topics = classify(title, lead, body)
        return cls(" ".join(title_words), " ".join(title_stems), " ".join(lead_words + body_words), " ".join(text_stems),
                   topics, signature_of(body_words))

