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


def test_pronoun_attribution_takes_the_last_of_several_speakers():
    quotes = extract_quotes(["– Ett, säger Eva Ek, rektor.", "– Två, säger Anna Berg (C), lärare.", "– Tre, säger hon."])
    assert [(q.text, q.speaker, q.role, q.party) for q in quotes] == [
        ("Ett", "Eva Ek", "rektor", None), ("Två", "Anna Berg", "lärare", "C"), ("Tre", "Anna Berg", "lärare", "C")]


def test_every_pronoun_and_verb_of_a_pronoun_attribution():
    paras = ["– Ett, säger Eva Ek, rektor.", "– Två, berättar han.", "– Tre, menar hen.", "– Fyra, tillägger de.",
             "”Fem”, säger vi."]
    quotes = extract_quotes(paras)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Ett", "Eva Ek"), ("Två", "Eva Ek"), ("Tre", "Eva Ek"), ("Fyra", "Eva Ek"), ("Fem", "Eva Ek")]


def test_a_pronoun_before_any_named_speaker_has_no_speaker():
    quotes = extract_quotes(["– Vi börjar i maj, säger hon.", "– Sedan, säger Eva Ek."])
    assert [(q.text, q.speaker, q.role) for q in quotes] == [("Vi börjar i maj", None, None), ("Sedan", "Eva Ek", None)]


def test_a_word_beginning_like_a_pronoun_is_no_pronoun():
    # "hennes" starts with "hen", "hand" with "han": neither ends an attribution.
    assert extract_quotes(["– Ett, säger Eva Ek.", "– Två, säger hennes chef."])[1:] == []
    assert extract_quotes(["– Ett, säger Eva Ek.", "– Två, säger handläggaren."])[1:] == []


def test_a_name_inside_the_quote_is_not_its_speaker():
    # The speaker follows the verb; names before "säger" are people the speaker talks about.
    [q] = extract_quotes(["– Jag har pratat med Per Berg och Lena Micko om det, säger Eva Ek, rektor."])
    assert (q.text, q.speaker, q.role) == ("Jag har pratat med Per Berg och Lena Micko om det", "Eva Ek", "rektor")


def test_a_name_before_the_verb_without_a_comma_is_no_attribution():
    # "Per Berg säger" opens a report, not a quote's attribution; the quote is still open.
    assert extract_quotes(["– Det blir bra Per Berg säger det."]) == []


def test_several_speakers_in_one_paragraph():
    paras = ["– Vi är överens med kommunalråd Per Berg, säger Eva Ek, rektor.",
             "Mötet leddes av Lena Micko, ordförande i nämnden, och Karin Ahl, kommundirektör."]
    [q] = extract_quotes(paras)
    assert (q.speaker, q.role) == ("Eva Ek", "rektor")
    people = {p.name: p.role for p in extract_people(paras, [q])}
    assert people == {"Eva Ek": "rektor", "Per Berg": "kommunalråd", "Lena Micko": "ordförande i nämnden",
                      "Karin Ahl": "kommundirektör"}


def test_names_with_particles_and_hyphens():
    quotes = extract_quotes(["– Ett, säger Anna von Platen.", "– Två, säger Per-Olof Berg-Ek, vd."])
    assert [(q.speaker, q.role) for q in quotes] == [("Anna von Platen", None), ("Per-Olof Berg-Ek", "vd")]


def test_a_quote_broken_by_plain_text_starts_again():
    quotes = extract_quotes(["– Början som aldrig avslutas.", "Mellantext.", "– Slut, säger Eva Ek."])
    assert [q.text for q in quotes] == ["Slut"]


def test_every_opener_opens_a_quote():
    paras = ["– Ett, säger Eva Ek.", "- Två, säger Eva Ek.", "— Tre, säger Eva Ek.", "”Fyra”, säger Eva Ek.",
             '"Fem", säger Eva Ek.', "«Sex» säger Eva Ek."]
    assert [q.text for q in extract_quotes(paras)] == ["Ett", "Två", "Tre", "Fyra", "Fem", "Sex"]


def test_a_role_word_is_needed_for_a_person_named_with_a_comma():
    paras = ["Vi träffade Eva Ek, som bor i Arboga.", "Vi träffade Per Berg, rektor på skolan."]
    assert [(p.name, p.role) for p in extract_people(paras, [])] == [("Per Berg", "rektor på skolan")]


def test_a_quoted_speaker_keeps_the_role_of_the_quote_in_people():
    [q] = extract_quotes(["– Bra, säger Eva Ek (S), rektor."])
    paras = ["– Bra, säger Eva Ek (S), rektor.", "Eva Ek, kommunalråd, höll med."]
    assert [(p.name, p.role, p.party) for p in extract_people(paras, [q])] == [("Eva Ek", "rektor", "S")]


def test_a_comma_inside_the_quote_marks_is_not_the_quote_s():
    # ”Text,” säger Namn: the comma is the attribution's, inside the marks as some write it.
    quotes = extract_quotes(['”Vi heter X,” säger Sara Lind.', "– Ett, säger Eva Ek.", '”Två X,” säger hon.'])
    assert [(q.text, q.speaker) for q in quotes] == [("Vi heter X", "Sara Lind"), ("Ett", "Eva Ek"), ("Två X", "Eva Ek")]


def test_closing_marks_of_a_paragraph_without_attribution_are_dropped():
    [q] = extract_quotes(["”Första stycket.”", "– Vi kallar den X", "”Sista”, säger Eva Ek."])
    assert q.text == "Första stycket.\n\nVi kallar den X\n\nSista"


def test_a_role_loses_only_its_final_stops():
    [q] = extract_quotes(["– Bra, säger Eva Ek, rektor på skola X.."])
    assert q.role == "rektor på skola X"


def test_a_sentence_word_and_one_name_is_no_person():
    # "Men Fredrik" looks like two names; without "Men" one word is left, which is no full name.
    assert extract_people(["Men Fredrik, rektor på skolan, kom."], []) == []


def test_a_quote_without_speaker_adds_no_person():
    paras = ["– Vi börjar i maj, säger hon."]
    assert extract_people(paras, extract_quotes(paras)) == []


def test_people_named_after_their_role_and_with_a_party():
    paras = ["Där fanns kommunalråd Per Berg och civilminister Ardalan Shekarabi.",
             "Anna Lind (C), ordförande i nämnden, höll med."]
    people = [(p.name, p.role, p.party) for p in extract_people(paras, [])]
    assert people == [("Per Berg", "kommunalråd", None), ("Ardalan Shekarabi", "civilminister", None),
                      ("Anna Lind", "ordförande i nämnden", "C")]
