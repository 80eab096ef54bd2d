from archive.topic_words import WHOLE_STEMS
from bench.topic_folds import _with_words, learn, scores


def _row(title, topics):
    return {"title": title, "lead": None, "body": None, "topics": topics}


def test_words_are_learned_from_missed_articles_only_where_they_mostly_mean_the_topic():
    rows = [_row("Glimmande ljuskvalster i viken", ["miljö"]), _row("Fler ljuskvalster än väntat", ["miljö"]),
            _row("Okänd frågeställning om ljuskvalster", ["miljö"]),
            _row("Ny frågeställning om skolan", ["skola och förskola"]),
            _row("Frågeställning kvar", [])]
    learned = learn(rows)
    assert "ljuskvalster" in learned["miljö"]
    assert "frågeställning" not in learned.get("miljö", set())  # one miljö article of three that name it


def test_learned_words_are_added_and_taken_back():
    rows = [_row("Ljuskvalster i viken", ["miljö"])]
    assert scores(rows)["miljö"] == (1.0, 0.0)
    _with_words({"miljö": {"ljuskvalster"}}, add=True)
    try:
        assert scores(rows)["miljö"] == (1.0, 1.0)
    finally:
        _with_words({"miljö": {"ljuskvalster"}}, add=False)
    assert "ljuskvalster" not in WHOLE_STEMS["miljö"]
    assert scores(rows)["miljö"] == (1.0, 0.0)
