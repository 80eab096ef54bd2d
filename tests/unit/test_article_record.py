"""ArticleRecord.to_dict: what dataclasses.asdict gives, faster (records/article.py)."""

from dataclasses import asdict

from records.article import Address, ArticleRecord, Attachment, Contact, Extraction, Image, PageContact, Person, Quote


def full_record() -> ArticleRecord:
    return ArticleRecord(
        url="https://www.kungsor.se/a", canonical_url="https://www.kungsor.se/a", municipality="kungsor",
        title="Rubrik", lead=None, body="Text.", subheadings=["Del"], published_at="2021-05-03",
        published_raw="3 maj 2021", published_source="text", updated_at=None, updated_raw=None,
        updated_source=None, quotes=[Quote("Citat", "Anna Ek", "ordförande", "S")],
        people=[Person("Anna Ek", "ordförande", "S")], page_contact=PageContact("Bo Ek", "bo@kungsor.se"),
        images=[Image("https://www.kungsor.se/b.jpg", "Bild", None)],
        attachments=[Attachment("https://www.kungsor.se/download/18.1/a.pdf", "Protokoll")],
        contact=Contact(organisation="Kungsörs kommun", opening_hours=["Mo-Fr 08:00-16:00"], org_number_valid=True,
                        postal_address=Address(["Box 34"], "736 21", "Kungsör")),
        is_news=True, template="sv-template-nyhet", extraction=Extraction("sitevision:portlets", ["no lead"]),
        categories=["Driftsnyhet"],
    )


def test_to_dict_is_asdict_for_every_field_and_nested_record():
    record = full_record()
    assert record.to_dict() == asdict(record)
    assert record.to_dict()["contact"]["postal_address"] == {"lines": ["Box 34"], "postcode": "736 21", "city": "Kungsör"}
    assert record.to_dict()["quotes"] == [{"text": "Citat", "speaker": "Anna Ek", "role": "ordförande", "party": "S"}]


def test_to_dict_copies_lists_so_the_record_stays_as_it_was():
    record = full_record()
    plain = record.to_dict()
    plain["subheadings"].append("ny")
    plain["contact"]["postal_address"]["lines"][0] = "ändrad"
    plain["extraction"]["warnings"].clear()
    assert (record.subheadings, record.contact.postal_address.lines, record.extraction.warnings) == \
        (["Del"], ["Box 34"], ["no lead"])


def test_a_value_of_another_type_is_deep_copied_as_asdict_does():
    record = full_record()
    record.categories = ({"namn": ["a"]},)  # type: ignore[assignment] - not the declared type
    plain = record.to_dict()
    assert plain["categories"] == ({"namn": ["a"]},)
    plain["categories"][0]["namn"].append("b")
    assert record.categories == ({"namn": ["a"]},)
