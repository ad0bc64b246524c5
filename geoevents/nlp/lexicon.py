"""Word lists the place finder and the resolver share (lower-case)."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The set of the space-separated words of ``text``."""
    return frozenset(text.split())


#: Words after a name that make it an administrative area or a region of it.
AREA_CUES = words(
    "province provinces governorate governorates countryside district districts region "
    "regions county counties state oblast prefecture canton department municipality "
    "division territory emirate wilaya kray krai raion rayon parish borough "
    "outskirts suburbs"
)
#: Area cues that name an admin-1 style unit rather than the surroundings of a town.
ADMIN1_CUES = words(
    "province governorate countryside region state oblast prefecture canton department "
    "emirate wilaya kray krai territory"
)
#: Words before "of NAME" or after a name that make it a settlement.
SETTLEMENT_CUES = words(
    "town towns city cities village villages hamlet suburb neighbourhood neighborhood "
    "capital port settlement camp"
)
#: Words that make a name a water feature.
WATER_CUES = words("river lake sea gulf bay strait canal dam valley")
#: Words that name a border.
BORDER_WORDS = words("border borders frontier frontiers boundary borderline")
#: Compass adjectives that may sit before a region ("the southeastern Deir Ezzor countryside").
DIRECTIONS = words(
    "north south east west northern southern eastern western northeast northwest "
    "southeast southwest northeastern northwestern southeastern southwestern "
    "central upper lower greater rural eastern western north-eastern north-western "
    "south-eastern south-western"
)
#: Nouns after a place name that make the name stand for an actor.
ACTOR_HEADS = words(
    "government governments regime administration authorities authority officials "
    "official army military forces troops ministry ministries parliament leadership "
    "police president embassy diplomats envoy delegation spokesman spokeswoman "
    "cabinet court courts intelligence navy coalition team side"
)
#: Verbs whose subject, when a place name, stands for an actor ("Washington said").
ACTOR_VERBS = words(
    "say tell announce warn claim accuse deny urge threaten insist reject condemn "
    "demand want refuse agree try push support back oppose sanction vow pledge "
    "respond retaliate decide negotiate sign approve veto criticize criticise call "
    "ask expel recognize recognise plan seek hope believe fear blame welcome order "
    "impose invade attack launch strike bomb send deploy"
)
#: Prepositions that usually introduce a location.
LOCATIVE_PREPS = words(
    "in at near from to into across outside inside around towards toward via through "
    "throughout between within"
)
#: Lower-case particles inside Arabic and other names ("Deir ez-Zor", "Jisr al-Shughur").
NAME_PARTICLES = words(
    "al el ez ed es ash as at ad an ar az ul um bin ibn abu de del la le di da do dos das "
    "van von der den"
)
#: Words that make a name a street, building or other facility inside a town.
FACILITY_WORDS = words(
    "street st st. avenue ave ave. road rd rd. boulevard blvd lane drive highway freeway "
    "square plaza bridge church cathedral mosque temple synagogue library school college "
    "university hospital hotel park stadium arena museum theatre theater airport station "
    "center centre mall market building tower house hall court prison palace castle "
    "cemetery harbor harbour port pier campus club restaurant bar cafe gallery zoo "
    "garden gardens quarter"
)

#: Postal and AP-style abbreviations of US states and Canadian provinces ("Ky.", "B.C.").
REGION_ABBREVIATIONS = {
    "ala": "Alabama",
    "ariz": "Arizona",
    "ark": "Arkansas",
    "calif": "California",
    "colo": "Colorado",
    "conn": "Connecticut",
    "del": "Delaware",
    "fla": "Florida",
    "ga": "Georgia",
    "ill": "Illinois",
    "ind": "Indiana",
    "kan": "Kansas",
    "kans": "Kansas",
    "ky": "Kentucky",
    "la": "Louisiana",
    "md": "Maryland",
    "mass": "Massachusetts",
    "mich": "Michigan",
    "minn": "Minnesota",
    "miss": "Mississippi",
    "mo": "Missouri",
    "mont": "Montana",
    "neb": "Nebraska",
    "nev": "Nevada",
    "nh": "New Hampshire",
    "nj": "New Jersey",
    "nm": "New Mexico",
    "ny": "New York",
    "nc": "North Carolina",
    "nd": "North Dakota",
    "okla": "Oklahoma",
    "ore": "Oregon",
    "pa": "Pennsylvania",
    "ri": "Rhode Island",
    "sc": "South Carolina",
    "sd": "South Dakota",
    "tenn": "Tennessee",
    "tex": "Texas",
    "vt": "Vermont",
    "va": "Virginia",
    "wash": "Washington",
    "wva": "West Virginia",
    "wis": "Wisconsin",
    "wisc": "Wisconsin",
    "wyo": "Wyoming",
    "bc": "British Columbia",
    "alta": "Alberta",
    "sask": "Saskatchewan",
    "man": "Manitoba",
    "ont": "Ontario",
    "que": "Quebec",
    "ns": "Nova Scotia",
    "nb": "New Brunswick",
    "pei": "Prince Edward Island",
    "nfld": "Newfoundland and Labrador",
}

#: Names and adjectives of continents and unions that stand for a continent or country.
AREA_ALIASES = {
    "eu": "Europe",
    "european union": "Europe",
    "european": "Europe",
    "europeans": "Europe",
    "african": "Africa",
    "africans": "Africa",
    "asian": "Asia",
    "asians": "Asia",
    "north american": "North America",
    "south american": "South America",
    "latin american": "South America",
    "latin america": "South America",
    "antarctic": "Antarctica",
    "oceanian": "Oceania",
    "america": "United States",
    "the states": "United States",
    "english": "England",
    "scottish": "Scotland",
    "welsh": "Wales",
    "northern irish": "Northern Ireland",
}
