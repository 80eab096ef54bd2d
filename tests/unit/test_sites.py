"""The site list is data: loading, overrides, and clear errors."""

import pytest

from records.sites import SiteError, load_sites, parse_base_url_overrides, site_for_url

ENTRY = '[[site]]\nslug = "{slug}"\nname = "{name}"\nbase_url = "{url}"\n'


def test_bundled_list_has_the_three_sites():
    sites = load_sites()
    assert list(sites) == ["arboga", "koping", "kungsor"]
    assert sites["kungsor"].owns("https://kungsor.se/nyhetsarkivet/a.html")


def test_a_fourth_site_is_one_entry(tmp_path):
    path = tmp_path / "sites.toml"
    path.write_text(ENTRY.format(slug="fagersta", name="Fagersta kommun", url="https://www.fagersta.se"))
    sites = load_sites(path)
    assert sites["fagersta"].host == "www.fagersta.se"


def test_override_points_a_site_elsewhere():
    sites = parse_base_url_overrides(["koping=http://127.0.0.1:8001"], load_sites())
    assert sites["koping"].base_url == "http://127.0.0.1:8001"
    assert site_for_url("http://127.0.0.1:8001/nyheter.html", sites).slug == "koping"
    assert not sites["koping"].owns("https://www.koping.se/")


@pytest.mark.parametrize("pair,message", [
    ("koping", "expected SLUG=URL"), ("vasteras=http://x", "unknown site 'vasteras'"),
    ("koping=ftp://x", "must look like https://host"), ("koping=http://x/path", "without a path"),
])
def test_bad_overrides(pair, message):
    with pytest.raises(SiteError, match=message):
        parse_base_url_overrides([pair], load_sites())


@pytest.mark.parametrize("text,message", [
    ("", "has no"), ("[[site]]\nslug='a'\n", "lacks 'name'"), ("[[site", "not valid TOML"),
    (ENTRY.format(slug="a", name="A", url="https://a.se") * 2, "appears twice"),
    (ENTRY.format(slug="A-B", name="A", url="https://a.se"), "lower-case"),
])
def test_bad_site_lists(tmp_path, text, message):
    path = tmp_path / "sites.toml"
    path.write_text(text)
    with pytest.raises(SiteError, match=message):
        load_sites(path)
