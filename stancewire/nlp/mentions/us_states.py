"""US state abbreviations as news prints them in party tags ("Sen. Ada Morn, R-Neb.", "(D-CA)"),
mapped to the state's name, so that "the Nebraska Republican" can find the senator tagged
"R-Neb." (AP style abbreviations and the two-letter postal codes)."""

from __future__ import annotations

_STATES = {
    "alabama": ("Ala.", "AL"), "alaska": ("Alaska", "AK"), "arizona": ("Ariz.", "AZ"),
    "arkansas": ("Ark.", "AR"), "california": ("Calif.", "CA"), "colorado": ("Colo.", "CO"),
    "connecticut": ("Conn.", "CT"), "delaware": ("Del.", "DE"), "florida": ("Fla.", "FL"),
    "georgia": ("Ga.", "GA"), "hawaii": ("Hawaii", "HI"), "idaho": ("Idaho", "ID"),
    "illinois": ("Ill.", "IL"), "indiana": ("Ind.", "IN"), "iowa": ("Iowa", "IA"),
    "kansas": ("Kan.", "KS"), "kentucky": ("Ky.", "KY"), "louisiana": ("La.", "LA"),
    "maine": ("Maine", "ME"), "maryland": ("Md.", "MD"), "massachusetts": ("Mass.", "MA"),
    "michigan": ("Mich.", "MI"), "minnesota": ("Minn.", "MN"), "mississippi": ("Miss.", "MS"),
    "missouri": ("Mo.", "MO"), "montana": ("Mont.", "MT"), "nebraska": ("Neb.", "NE"),
    "nevada": ("Nev.", "NV"), "new hampshire": ("N.H.", "NH"), "new jersey": ("N.J.", "NJ"),
    "new mexico": ("N.M.", "NM"), "new york": ("N.Y.", "NY"), "north carolina": ("N.C.", "NC"),
    "north dakota": ("N.D.", "ND"), "ohio": ("Ohio", "OH"), "oklahoma": ("Okla.", "OK"),
    "oregon": ("Ore.", "OR"), "pennsylvania": ("Pa.", "PA"), "rhode island": ("R.I.", "RI"),
    "south carolina": ("S.C.", "SC"), "south dakota": ("S.D.", "SD"), "tennessee": ("Tenn.", "TN"),
    "texas": ("Texas", "TX"), "utah": ("Utah", "UT"), "vermont": ("Vt.", "VT"),
    "virginia": ("Va.", "VA"), "washington": ("Wash.", "WA"), "west virginia": ("W.Va.", "WV"),
    "wisconsin": ("Wis.", "WI"), "wyoming": ("Wyo.", "WY"),
}  # fmt: skip

# Both spellings, and the AP ones without their dots ("Neb" of "R-Neb"), by lower case.
_BY_ABBREVIATION = {
    form.lower(): name
    for name, forms in _STATES.items()
    for form in (*forms, forms[0].replace(".", ""), forms[0].replace(".", ". ").strip())
}


def state_name(tag_place: str) -> str | None:
    """The state a party tag's place stands for ("Neb." -> "nebraska", "CA" -> "california",
    "N. Y." -> "new york"); None for a place that is no state abbreviation."""
    key = tag_place.strip().lower()
    return _BY_ABBREVIATION.get(key) or _BY_ABBREVIATION.get(key.replace(" ", ""))
