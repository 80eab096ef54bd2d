"""Quotes and people in Swedish press style."""

from records.parsers.quotes import extract_people, extract_quotes


def test_dash_quote_with_role_after_name():
    [q] = extract_quotes(["– Det går inte att sitta still i båten, säger Anders Röhfors, kommunstyrelsens ordförande i Arboga."])
    assert q.text == "Det går inte att sitta still i båten"
    assert (q.speaker, q.role, q.party) == ("Anders Röhfors", "kommunstyrelsens ordförande i Arboga", None)


def test_role_before_name():
    [q] = extract_quotes(["– Vi måste röja undan hinder, säger civilminister Ardalan Shekarabi."])
    assert (q.speaker, q.role) == ("Ardalan Shekarabi", "civilminister")


def test_party_after_name_is_kept_apart():
    [q] = extract_quotes(["– Bra, säger Anders Röhfors (S), kommunstyrelsens ordförande i Arboga."])
    assert (q.speaker, q.party, q.role) == ("Anders Röhfors", "S", "kommunstyrelsens ordförande i Arboga")


def test_quote_marks_and_hyphen():
    [a, b] = extract_quotes(["”Vi är glada”, säger Sara Lind.", "- Det blev bra, säger Jonas Lilja, ekonomichef."])
    assert (a.text, a.speaker, a.role) == ("Vi är glada", "Sara Lind", None)
    assert (b.text, b.speaker, b.role) == ("Det blev bra", "Jonas Lilja", "ekonomichef")


def test_quote_over_several_paragraphs_is_one_quote():
    [q] = extract_quotes(["– Första stycket.", "– Andra stycket.", "– Sista stycket, säger Eva Holmström, kommundirektör."])
    assert q.text == "Första stycket.\n\nAndra stycket.\n\nSista stycket"
    assert q.speaker == "Eva Holmström"


def test_pronoun_attribution_takes_the_last_speaker():
    quotes = extract_quotes(["– Ett, säger Eva Ek, rektor.", "Mellantext.", "– Två, säger hon."])
    assert [q.speaker for q in quotes] == ["Eva Ek", "Eva Ek"]


def test_other_verbs():
    [q] = extract_quotes(["– Det fungerar, konstaterar Amir Haddad, bibliotekarie."])
    assert (q.speaker, q.role) == ("Amir Haddad", "bibliotekarie")


def test_people_mentioned_with_a_role():
    paras = ["På scenen finns också bland annat civilminister Ardalan Shekarabi och Lena Micko, ordförande SKL."]
    people = {p.name: p.role for p in extract_people(paras, [])}
    assert people == {"Ardalan Shekarabi": "civilminister", "Lena Micko": "ordförande SKL"}


def test_a_plain_paragraph_is_no_quote():
    assert extract_quotes(["Kommunen säger att bygget börjar i maj."]) == []


def test_a_sentence_opening_word_is_not_part_of_the_name():
    paras = ["Enligt Fredrik Hallberg, trafikplanerare på Kungsörs KommunTeknik, är en upphöjd passage bäst."]
    assert [(p.name, p.role) for p in extract_people(paras, [])] == [
        ("Fredrik Hallberg", "trafikplanerare på Kungsörs KommunTeknik")]
