"""Gazetteer units on small stores: folding, ranking, fuzzy, parents, dump import, errors."""

from __future__ import annotations

import pickle
import zipfile

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from geoevents.errors import GazetteerError, InputError
from geoevents.gazetteer import Entry, Gazetteer, fold, fold_variants
from geoevents.gazetteer.build import write_demonyms
from geoevents.gazetteer.geonames_dump import import_dump
from geoevents.gazetteer.schema import SCHEMA_VERSION, data_version
from geoevents.gazetteer.sources.base import Record


def _rec(gid, name, fclass, fcode, cc, a1=None, a2=None, pop=0, lat=None, lon=None, names=()):
    return Record(
        geonameid=gid, name=name, feature_class=fclass, feature_code=fcode, country_code=cc,
        admin1_code=a1, admin2_code=a2, population=pop, lat=lat, lon=lon, source="test",
        names=set(names), raw={"short": "Deir ez-Zor"} if fcode == "ADM1" else {},
    )


@pytest.fixture()
def small() -> Gazetteer:
    gaz = Gazetteer(memory=True)
    gaz.add([
        _rec(163843, "Syria", "A", "PCLI", "SY", pop=17_000_000, lat=35.0, lon=38.3,
             names=["Syrian Arab Republic", "سوريا"]),
        _rec(170792, "Deir ez-Zor Governorate", "A", "ADM1", "SY", "07", pop=450_000,
             lat=35.1, lon=40.4, names=["Dayr az Zawr", "Deir ez-Zor", "دير الزور"]),
        _rec(170793, "Deir ez-Zor District", "A", "ADM2", "SY", "07", "170793",
             lat=35.3, lon=40.1),
        _rec(170794, "Deir ez-Zor", "P", "PPLA", "SY", "07", "170793", 271_800, 35.34, 40.14,
             names=["Dayr az Zawr", "Deir Ezzor", "Der Zor"]),
        _rec(174506, "Hajin", "P", "PPL", "SY", "07", None, 29_237, 34.70, 40.83,
             names=["Hajīn", "هجين"]),
        _rec(174448, "Albu Kamal", "P", "PPL", "SY", "07", None, 57_572, 34.45, 40.92,
             names=["Ālbū Kamāl", "Abu Kamal", "Al-Bukamal"]),
        _rec(168325, "Khan Shaykhun", "P", "PPL", "SY", "12", None, 48_975, 35.44, 36.65,
             names=["Khān Shaykhūn"]),
        _rec(999001, "Hajin", "P", "PPL", "TR", "01", None, 500, 37.0, 35.0),
    ])
    write_demonyms(gaz.conn)
    gaz.conn.commit()
    return gaz


def _mark_built(gaz: Gazetteer) -> None:
    gaz.conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
    gaz.conn.execute("INSERT OR REPLACE INTO meta VALUES ('data_version', ?)", (data_version(),))
    gaz.conn.commit()


# -- fold ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Deir Ezzor", "Deir ez-Zor"),
        ("deir-ez-zor", "DEIR EZ ZOR"),
        ("Deir el-Zor", "Deir al Zor"),
        ("al-Hasakah", "Hasakah"),
        ("el-Hasakah", "Al Ḩasakah"),
        ("‘Afrīn", "Afrin"),
        ("Khān Shaykhūn", "khan shaykhun"),
        ("Ras al-Ain", "Ras el Ain"),
        ("Ash-Shaddadi", "Shaddadi"),
        ("O'Brien", "OBrien"),
        ("Tell Abyad", "Tal Abyad"),
        ("Tall Tamr", "Tal Tamr"),
        ("Hasakeh", "Al-Hasakah"),
        ("Raqqa", "Ar Raqqah"),
        ("Sheikh Maqsoud", "Shaykh Maqsoud"),
    ],
)
def test_fold_equates_spelling_variants(a, b):
    assert fold(a) == fold(b)


def test_fold_variants_make_glued_articles_equal():
    assert fold("al-Bukamal") in fold_variants("Albu Kamal")
    assert fold("حسكه") in fold_variants("الحسكة")


def test_fold_keeps_distinct_names_apart():
    assert fold("Homs") != fold("Hama")
    assert fold("Al") == "al"


@given(st.text(alphabet=st.characters(categories=("L", "Zs", "Pd")), max_size=30))
def test_fold_treats_space_and_hyphen_alike(text):
    key = fold(text)
    assert fold(text.replace(" ", "-")) == key
    assert not any(c in key for c in " -'’")


# -- store -----------------------------------------------------------------------------------
def test_lookup_ranks_admin_before_town(small):
    assert [e.geonameid for e in small.lookup("Deir Ezzor")] == [170792, 170794]
    assert [e.geonameid for e in small.lookup("Dayr az Zawr")][:1] == [170792]


def test_lookup_orders_towns_by_population_and_filters_country(small):
    assert [e.country_code for e in small.lookup("Hajin")] == ["SY", "TR"]
    assert [e.geonameid for e in small.lookup("hajin", country="tr")] == [999001]
    assert small.lookup("") == [] and small.lookup("Atlantis") == []


def test_entry_fields_and_admin_names(small):
    hajin = small.get(174506)
    assert isinstance(hajin, Entry)
    assert (hajin.admin1_name, hajin.feature_class, hajin.source) == ("Deir ez-Zor", "P", "test")
    assert small.get(170794).admin2_name == "Deir ez-Zor District"
    assert small.get(42) is None


def test_parents_chain(small):
    hajin = small.get(174506)
    assert [p.geonameid for p in small.parents(hajin)] == [170792, 163843]
    city = small.get(170794)
    assert [p.feature_code for p in small.parents(city)] == ["ADM2", "ADM1", "PCLI"]
    assert small.parents(small.country("SY")) == []


def test_kind_words_and_the(small):
    assert [e.geonameid for e in small.lookup("Deir ez-Zor city")][:1] == [170794]
    assert [e.geonameid for e in small.lookup("Deir ez-Zor province")][:1] == [170792]
    assert [e.geonameid for e in small.lookup("Hajin town")] == [174506, 999001]
    assert small.lookup("the Hajin")[0].geonameid == 174506
    assert small.lookup("Atlantis town") == []


def test_arabic_and_article_lookups(small):
    assert small.lookup("al-Bukamal")[0].geonameid == 174448
    assert small.lookup("Albu Kamal")[0].geonameid == 174448
    assert small.lookup("دير الزور")[0].geonameid == 170792
    assert small.has_name("Hajīn") and not small.has_name("Atlantis")


def test_fuzzy_finds_misspellings(small):
    best, score = small.fuzzy("Dier ez-Zor")[0]
    assert best.name.startswith("Deir ez-Zor") and 80 <= score < 100
    assert small.fuzzy("Khan Sheikhoun", cutoff=75)[0][0].geonameid == 168325
    assert small.fuzzy("Xyzzyplugh") == []


def test_country_code_for_demonyms(small):
    assert small.country_code_for("Syrian") == "SY"
    assert small.country_code_for("Syrians") == "SY"
    assert small.country_code_for("Iraqi") == "IQ"
    assert small.country_code_for("Turkish") == "TR"
    assert small.country_code_for("Turks") == "TR"
    assert small.country_code_for("Syrian Arab Republic") == "SY"
    assert small.country_code_for("Kurdish") is None


def test_add_replaces_names(small):
    small.add([_rec(174506, "Hajin", "P", "PPL", "SY", "07", None, 1, 34.7, 40.8,
                    names=["Hajeen"])])
    assert small.lookup("Hajeen")[0].geonameid == 174506
    assert 174506 not in [e.geonameid for e in small.lookup("هجين")]


def test_entries_pickle(small):
    entry = small.get(170792)
    assert pickle.loads(pickle.dumps(entry)) == entry


# -- GeoNames dump import --------------------------------------------------------------------
def _lines(rows) -> str:
    return "".join("\t".join(map(str, r)) + "\n" for r in rows)


def _zip(path, member, rows):
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(member, _lines(rows))
        zf.writestr("readme.txt", "GeoNames fixture\n")
    return path


# geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 a1 a2 a3 a4 pop elev dem tz
DUMP_ROWS = [
    (174506, "Hajīn", "Hajin", "Hajin,Hajine,هجين", 34.69508, 40.83138, "P", "PPLA3", "SY", "",
     "07", "", "", "", 37935, "", 178, "Asia/Damascus", "2023-01-01"),
    (163860, "Al Bāghūz Fawqānī", "Al Baghuz Fawqani", "Baghuz,Al-Baghuz", 34.45, 40.95, "P",
     "PPL", "SY", "", "07", "", "", "", 10000, "", 170, "Asia/Damascus", "2023-01-01"),
    (298382, "Euphrates", "Euphrates", "", 31.0, 47.44, "H", "STM", "IQ", "", "", "", "", "", 0,
     "", 0, "Asia/Baghdad", "2023-01-01"),
]
ALT_ROWS = [
    (1, 163860, "en", "Baghouz", "", "", "", "", "", ""),
    (2, 163860, "link", "https://en.wikipedia.org/wiki/Baghuz_Fawqani", "", "", "", "", "", ""),
    (3, 298382, "ar", "نهر الفرات", "", "", "", "", "", ""),
    (4, 5, "en", "Elsewhere", "", "", "", "", "", ""),
]


def test_import_dump_adds_and_replaces(small, tmp_path):
    dump = _zip(tmp_path / "SY.zip", "SY.txt", DUMP_ROWS)
    alts = _zip(tmp_path / "alternateNamesV2.zip", "alternateNamesV2.txt", ALT_ROWS)
    counts = import_dump(small, dump, alts)
    assert counts == {"entries": 3, "names": 2}
    hajin = small.get(174506)
    assert (hajin.feature_code, hajin.population, hajin.source) == ("PPLA3", 37935, "geonames-dump")
    assert hajin.admin1_name == "Deir ez-Zor"
    assert small.lookup("Baghouz")[0].geonameid == 163860
    assert small.lookup("نهر الفرات")[0].feature_code == "STM"
    assert not small.has_name("Elsewhere")


def test_import_rejects_other_files(small, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("not\ta\tdump\n", encoding="utf-8")
    with pytest.raises(InputError):
        import_dump(small, bad)
    notzip = tmp_path / "x.zip"
    notzip.write_bytes(b"junk")
    with pytest.raises(InputError):
        import_dump(small, notzip)


def test_cli_import_and_search_on_a_temp_store(tmp_path):
    from geoevents.cli import main

    db = tmp_path / "g.sqlite"
    gaz = Gazetteer(db)
    _mark_built(gaz)
    gaz.close()
    dump = tmp_path / "SY.txt"
    dump.write_text(_lines(DUMP_ROWS), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["gazetteer", "import", str(dump), "--db", str(db)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["gazetteer", "search", "Baghuz", "--db", str(db), "--json"])
    assert result.exit_code == 0 and '"geonameid": 163860' in result.output
    result = runner.invoke(main, ["gazetteer", "info", "--db", str(db)])
    assert result.exit_code == 0 and "schema_version" in result.output


# -- missing and corrupt stores ----------------------------------------------------------------
@pytest.fixture()
def own_default(monkeypatch):
    """A per-test default store; the session's default (other tests hold it) is kept open."""
    monkeypatch.setattr(Gazetteer, "_default", None)
    monkeypatch.setattr(Gazetteer, "_default_pid", None)
    yield
    if Gazetteer._default is not None:
        Gazetteer._default.close()


def test_corrupt_database_is_reported(tmp_path, monkeypatch, own_default):
    from geoevents.cli import main

    bad = tmp_path / "corrupt.sqlite"
    bad.write_bytes(b"this is not an sqlite database" * 100)
    monkeypatch.setenv("GEOEVENTS_GAZETTEER", str(bad))
    with pytest.raises(GazetteerError, match="corrupt"):
        Gazetteer.open_default()
    result = CliRunner().invoke(main, ["gazetteer", "search", "Hajin"])
    assert result.exit_code == 1 and "corrupt" in result.output
    assert "Traceback" not in result.output


def test_missing_database_is_built_or_reported(tmp_path, monkeypatch, own_default):
    import geoevents.gazetteer.build as build_mod

    target = tmp_path / "sub" / "g.sqlite"
    monkeypatch.setenv("GEOEVENTS_GAZETTEER", str(target))
    built = []

    def fake_build(path=None, **_):
        built.append(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        gaz = Gazetteer(path)
        _mark_built(gaz)
        gaz.close()
        return path

    monkeypatch.setattr(build_mod, "_build", fake_build)
    with pytest.raises(GazetteerError, match="no usable gazetteer"):
        Gazetteer.open_default(build_if_missing=False)
    gaz = Gazetteer.open_default()
    assert built == [target] and gaz.path == target
    assert Gazetteer.open_default() is gaz


def test_immutable_store_reads_but_does_not_write(small, tmp_path):
    db = tmp_path / "g.sqlite"
    gaz = Gazetteer(db)
    gaz.add([_rec(174506, "Hajin", "P", "PPL", "SY", "07", None, 29_237, 34.7, 40.8)])
    gaz.close()
    ro = Gazetteer(db, immutable=True)
    assert ro.lookup("Hajin")[0].geonameid == 174506
    with pytest.raises(GazetteerError, match="immutable"):
        ro.add([_rec(1, "X", "P", "PPL", "SY")])
    with pytest.raises(GazetteerError):
        Gazetteer(tmp_path / "missing.sqlite", immutable=True)


def test_store_without_path_is_an_error():
    with pytest.raises(GazetteerError):
        Gazetteer()


# -- geopy geocoder and the opt-in online fallback --------------------------------------------
def test_local_gazetteer_offline_by_default(small):
    from geoevents.gazetteer import LocalGazetteer

    geo = LocalGazetteer(small)
    loc = geo.geocode("Deir Ezzor")
    assert loc.raw["geonameid"] == 170792 and loc.address == "Deir ez-Zor Governorate, Syria"
    assert geo.geocode("Dier ez-Zor").raw["score"] < 100
    assert geo.geocode("Nowhereville") is None  # no network call without online=True


def test_online_fallback_is_rate_limited_and_cached(small, monkeypatch):
    from geopy.location import Location

    from geoevents.gazetteer import LocalGazetteer

    calls = []

    def fake_nominatim(self, query, **kwargs):
        calls.append((query, kwargs))
        raw = {"place_id": 4242, "name": "Nowhereville", "class": "place", "type": "village",
               "osm_type": "node", "osm_id": 1, "address": {"country_code": "sy"}}
        return [Location("Nowhereville, Syria", (35.0, 39.0), raw)]

    monkeypatch.setattr(LocalGazetteer, "_nominatim_geocode", fake_nominatim)
    geo = LocalGazetteer(small, online=True)
    loc = geo.geocode("Nowhereville")
    assert loc.raw["source"] == "nominatim" and loc.raw["country"] == "SY"
    assert loc.raw["geonameid"] < 0 and len(calls) == 1
    assert small.lookup("Nowhereville")[0].source == "nominatim"  # cached in the store
    assert LocalGazetteer(small, online=True).geocode("Nowhereville").raw["geonameid"] == (
        loc.raw["geonameid"]
    )
    assert len(calls) == 1



def test_normalize_and_admin_doctests():
    import doctest

    import geoevents.gazetteer.normalize as normalize
    import geoevents.gazetteer.sources.admin as admin

    for module in (normalize, admin):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0, module.__name__
