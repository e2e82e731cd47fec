"""Builds gemeenten.csv (the municipality register) from the two shared lists plus the facts below.

Run once by hand when the facts change:
    python indexer/detect/data/build_gazetteer.py /work/shared/domain/gazetteer
The generated CSV is committed; the package never reads the shared folder at run time.

Sources: CBS table 45042NED (380 municipalities on 2018-01-01, with "Ontstaan per" dates) and the
Kadaster BGT source-holder list (441 codes incl. abolished ones). Neither says who merged into whom,
so the herindelingen since 2011 are written out here (README.md names the sources).
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# code -> (valid_to, successor). The day after valid_to the successor takes over.
ABOLISHED = {
    # 2013
    "GM0395": ("2012-12-31", "GM0441"), "GM0476": ("2012-12-31", "GM0441"),  # -> Schagen
    "GM0504": ("2012-12-31", "GM1924"), "GM0511": ("2012-12-31", "GM1924"),  # -> Goeree-Overflakkee
    "GM0559": ("2012-12-31", "GM1924"), "GM0580": ("2012-12-31", "GM1924"),
    "GM0571": ("2012-12-31", "GM1927"), "GM0693": ("2012-12-31", "GM1927"),  # De Waard -> Molenwaard
    "GM0694": ("2012-12-31", "GM1927"),
    # 2014
    "GM0051": ("2013-12-31", "GM1921"), "GM0082": ("2013-12-31", "GM1921"),  # -> De Friese Meren
    "GM0653": ("2013-12-31", "GM1921"),
    "GM0055": ("2013-12-31", "GM0074"),  # Boarnsterhim split; largest part to Heerenveen
    "GM0499": ("2013-12-31", "GM0484"), "GM1672": ("2013-12-31", "GM0484"),  # -> Alphen aan den Rijn
    # 2015
    "GM0241": ("2014-12-31", "GM1945"), "GM0265": ("2014-12-31", "GM1945"),  # -> Groesbeek/Berg en Dal
    "GM0282": ("2014-12-31", "GM1945"),
    "GM0365": ("2014-12-31", "GM0361"), "GM0458": ("2014-12-31", "GM0361"),  # -> Alkmaar
    "GM0491": ("2014-12-31", "GM1931"), "GM0608": ("2014-12-31", "GM1931"),  # -> Krimpenerwaard
    "GM0623": ("2014-12-31", "GM1931"), "GM0643": ("2014-12-31", "GM1931"),
    "GM0644": ("2014-12-31", "GM1931"),
    "GM0568": ("2014-12-31", "GM1930"), "GM0612": ("2014-12-31", "GM1930"),  # -> Nissewaard
    "GM1671": ("2014-12-31", "GM0796"),  # Maasdonk split between 's-Hertogenbosch and Oss
    "GM1921": ("2015-06-30", "GM1940"),  # De Friese Meren renamed De Fryske Marren (new code)
    # 2016
    "GM0381": ("2015-12-31", "GM1942"), "GM0424": ("2015-12-31", "GM1942"),  # -> Gooise Meren
    "GM0425": ("2015-12-31", "GM1942"),
    "GM0478": ("2015-12-31", "GM0385"),  # Zeevang -> Edam-Volendam
    # 2017
    "GM0844": ("2016-12-31", "GM1948"), "GM0846": ("2016-12-31", "GM1948"),  # -> Meierijstad
    "GM0860": ("2016-12-31", "GM1948"),
    # 2018
    "GM0007": ("2017-12-31", "GM1950"), "GM0048": ("2017-12-31", "GM1950"),  # -> Westerwolde
    "GM0018": ("2017-12-31", "GM1952"), "GM0040": ("2017-12-31", "GM1952"),  # -> Midden-Groningen
    "GM1987": ("2017-12-31", "GM1952"),
    "GM0063": ("2017-12-31", "GM1949"), "GM0070": ("2017-12-31", "GM1949"),  # -> Waadhoeke
    "GM1908": ("2017-12-31", "GM1949"),
    "GM0081": ("2017-12-31", "GM0080"),  # Leeuwarderadeel -> Leeuwarden
    "GM0140": ("2017-12-31", "GM1900"),  # Littenseradiel split; largest part to Súdwest-Fryslân
    "GM0196": ("2017-12-31", "GM0299"),  # Rijnwaarden -> Zevenaar
    # 2019
    "GM0009": ("2018-12-31", "GM0014"), "GM0017": ("2018-12-31", "GM0014"),  # Ten Boer, Haren -> Groningen
    "GM0005": ("2018-12-31", "GM1966"), "GM1663": ("2018-12-31", "GM1966"),  # -> Het Hogeland
    "GM1651": ("2018-12-31", "GM1966"), "GM0053": ("2018-12-31", "GM1966"),
    "GM0015": ("2018-12-31", "GM1969"), "GM0022": ("2018-12-31", "GM1969"),  # -> Westerkwartier
    "GM0025": ("2018-12-31", "GM1969"), "GM0056": ("2018-12-31", "GM1969"),
    "GM0058": ("2018-12-31", "GM1970"), "GM1722": ("2018-12-31", "GM1970"),  # DDFK -> Noardeast-Fryslân
    "GM0079": ("2018-12-31", "GM1970"),
    "GM1927": ("2018-12-31", "GM1978"), "GM0689": ("2018-12-31", "GM1978"),  # -> Molenlanden
    "GM0545": ("2018-12-31", "GM1961"), "GM0707": ("2018-12-31", "GM1961"),  # -> Vijfheerenlanden
    "GM0620": ("2018-12-31", "GM1961"),
    "GM0585": ("2018-12-31", "GM1963"), "GM0611": ("2018-12-31", "GM1963"),  # -> Hoeksche Waard
    "GM0588": ("2018-12-31", "GM1963"), "GM0584": ("2018-12-31", "GM1963"),
    "GM0617": ("2018-12-31", "GM1963"),
    "GM0738": ("2018-12-31", "GM1959"), "GM0870": ("2018-12-31", "GM1959"),  # -> Altena
    "GM0874": ("2018-12-31", "GM1959"),
    "GM0236": ("2018-12-31", "GM1960"), "GM0733": ("2018-12-31", "GM1960"),  # -> West Betuwe
    "GM0304": ("2018-12-31", "GM1960"),
    "GM0951": ("2018-12-31", "GM1954"), "GM0881": ("2018-12-31", "GM1954"),  # -> Beekdaelen
    "GM0962": ("2018-12-31", "GM1954"),
    "GM0393": ("2018-12-31", "GM0394"),  # Haarlemmerliede en Spaarnwoude -> Haarlemmermeer
    "GM0576": ("2018-12-31", "GM0575"),  # Noordwijkerhout -> Noordwijk
    # 2021
    "GM0003": ("2020-12-31", "GM1979"), "GM0010": ("2020-12-31", "GM1979"),  # -> Eemsdelta
    "GM0024": ("2020-12-31", "GM1979"),
    "GM0788": ("2020-12-31", "GM0824"),  # Haaren split; the village went to Oisterwijk
    # 2022
    "GM0756": ("2021-12-31", "GM1982"), "GM1684": ("2021-12-31", "GM1982"),  # -> Land van Cuijk
    "GM0786": ("2021-12-31", "GM1982"), "GM0815": ("2021-12-31", "GM1982"),
    "GM1702": ("2021-12-31", "GM1982"),
    "GM1685": ("2021-12-31", "GM1991"), "GM0856": ("2021-12-31", "GM1991"),  # -> Maashorst
    "GM0370": ("2021-12-31", "GM0439"),  # Beemster -> Purmerend
    "GM0398": ("2021-12-31", "GM1980"), "GM0416": ("2021-12-31", "GM1980"),  # -> Dijk en Waard
    "GM0457": ("2022-03-23", "GM0363"),  # Weesp -> Amsterdam on 24 March 2022
    # 2023
    "GM0501": ("2022-12-31", "GM1992"), "GM0530": ("2022-12-31", "GM1992"),  # -> Voorne aan Zee
    "GM0614": ("2022-12-31", "GM1992"),
}

# Codes created after 2018-01-01, or before it but absent from the CBS 2018 list.
CREATED = {
    "GM1921": "2014-01-01",
    "GM1954": "2019-01-01", "GM1959": "2019-01-01", "GM1960": "2019-01-01", "GM1961": "2019-01-01",
    "GM1963": "2019-01-01", "GM1966": "2019-01-01", "GM1969": "2019-01-01", "GM1970": "2019-01-01",
    "GM1978": "2019-01-01", "GM1979": "2021-01-01", "GM1980": "2022-01-01", "GM1982": "2022-01-01",
    "GM1991": "2022-01-01", "GM1992": "2023-01-01", "GM1927": "2013-01-01",
    "GM1940": "2015-07-01", "GM1945": "2015-01-01", "GM1924": "2013-01-01", "GM1930": "2015-01-01",
    "GM1931": "2015-01-01",
}

# Municipalities abolished before 2018 that neither list has: code -> (name, valid_to, successor),
# from the herindeling laws that abolished them (TOOI register end dates).
HISTORICAL = {
    "GM0604": ("Sassenheim", "2005-12-31", "GM1525"),  # Wet van 15 september 2005 -> Teylingen
    "GM0625": ("Voorhout", "2005-12-31", "GM1525"),
    "GM0628": ("Warmond", "2005-12-31", "GM1525"),
    "GM0600": ("Rozenburg", "2010-03-17", "GM0599"),  # Wet van 29 oktober 2009 -> Rotterdam, 18 maart 2010
}

# Official names as the register should show them (CBS adds "(gemeente)" to tell city from province).
NAMES = {
    "GM0014": "Groningen", "GM0344": "Utrecht", "GM0518": "'s-Gravenhage",
    "GM0079": "Kollumerland c.a.", "GM1921": "De Friese Meren",
}

# Other spellings found in documents. Qualifier-less forms of homonyms (plain "Bergen") are left
# out on purpose: detection resolves them from context.
VARIANTS = {
    "GM0518": ["Den Haag", "s-Gravenhage"],
    "GM0796": ["Den Bosch", "s-Hertogenbosch"],
    "GM0820": ["Nuenen c.a.", "Nuenen"],
    "GM0079": ["Kollumerland en Nieuwkruisland", "Kollumerland"],
    "GM0815": ["Mill & Sint Hubert", "Mill en St. Hubert", "Mill"],
    "GM0373": ["Bergen (NH)", "Bergen (N-H)", "Bergen NH", "Bergen (Noord-Holland)", "Bergen N-H"],
    "GM0893": ["Bergen (L)", "Bergen L", "Bergen (Limburg)"],
    "GM0164": ["Hengelo", "Hengelo (O)", "Hengelo (Ov)"],
    "GM0417": ["Laren", "Laren (NH)"],
    "GM0603": ["Rijswijk", "Rijswijk (ZH)"],
    "GM0687": ["Middelburg"],
    "GM0888": ["Beek", "Beek (L)"],
    "GM0971": ["Stein", "Stein (L)"],
    "GM0737": ["Tietjerksteradeel"],
    "GM1891": ["Dantumadeel"],
    "GM1940": ["De Friese Meren"],
    "GM0653": ["Gaasterland-Sloten"],
    "GM0051": ["Scharsterland"],
    "GM1722": ["Ferwerderadeel"],
    "GM0140": ["Littenseradeel"],
    "GM1908": ["Menaldumadeel"],
    "GM0063": ["'t Bildt", "Het Bildt"],
    "GM0055": ["Boornsterhem"],
    "GM1900": ["Sudwest Fryslan"],
    "GM1970": ["Noordoost-Friesland"],
    "GM0385": ["Edam Volendam"],
    "GM1945": ["Groesbeek"],
}

# Province of each code: old CBS codes were numbered alphabetically within each province, so
# ranges hold except for the listed exceptions; codes from 1500 on are assigned one by one.
RANGES = [
    (1, 57, "Groningen"), (58, 140, "Fryslân"), (100, 139, "Drenthe"), (141, 195, "Overijssel"),
    (196, 304, "Gelderland"), (305, 357, "Utrecht"), (358, 481, "Noord-Holland"),
    (482, 652, "Zuid-Holland"), (653, 653, "Fryslân"), (654, 735, "Zeeland"),
    (738, 879, "Noord-Brabant"), (881, 994, "Limburg"),
]
PROVINCE_BY_CODE = {
    "Flevoland": [34, 50, 171, 184, 303, 995],
    "Noord-Holland": [498, 532, 852, 880, 1598, 1696, 1911, 1942, 1980],
    "Utrecht": [589, 620, 632, 736, 1581, 1904, 1961],
    "Gelderland": [668, 733, 1509, 1586, 1705, 1734, 1740, 1859, 1876, 1945, 1955, 1960],
    "Zuid-Holland": [689, 693, 694, 707, 1525, 1621, 1672, 1783, 1842, 1884, 1892, 1901, 1916,
                     1924, 1926, 1927, 1930, 1931, 1963, 1978, 1992],
    "Fryslân": [737, 1722, 1891, 1900, 1908, 1921, 1940, 1949, 1970],
    "Groningen": [765, 1651, 1663, 1895, 1950, 1952, 1966, 1969, 1979, 1987],
    "Limburg": [1507, 1640, 1641, 1669, 1711, 1729, 1883, 1894, 1903, 1954],
    "Noord-Brabant": [1652, 1655, 1658, 1659, 1667, 1671, 1674, 1684, 1685, 1702, 1706, 1709, 1719,
                      1721, 1723, 1724, 1728, 1771, 1948, 1959, 1982, 1991],
    "Zeeland": [1676, 1695, 1714],
    "Drenthe": [1680, 1681, 1690, 1699, 1701, 1730, 1731],
    "Overijssel": [1700, 1708, 1735, 1742, 1773, 1774, 1896],
}


def province_of(code: str) -> str:
    number = int(code[2:])
    for province, numbers in PROVINCE_BY_CODE.items():
        if number in numbers:
            return province
    matches = [p for low, high, p in RANGES if low <= number <= high]
    if not matches:
        raise ValueError(f"no province for {code}")
    return matches[-1]  # Drenthe's range sits inside Fryslân's, so the narrower (later) one wins


def _dutch_date(text: str) -> str:
    day, month, year = text.split("-")
    return f"{year}-{month}-{day}"


def valid_from(history: str) -> str:
    match = re.search(r"(?:Ontstaan per|Begindatum) (\d\d-\d\d-\d{4})", history or "")
    return _dutch_date(match.group(1)) if match else ""


def build(shared: Path) -> list[dict]:
    cbs = {r["gm_code"]: r for r in csv.DictReader(open(shared / "gemeenten_cbs_2018.csv", encoding="utf-8"))}
    kadaster = {r["gm_code"]: r for r in csv.DictReader(open(shared / "gemeenten_kadaster_bgt_2024.csv", encoding="utf-8"))}
    rows = []
    for code in sorted(set(cbs) | set(kadaster)):
        source = cbs.get(code) or kadaster[code]
        name = NAMES.get(code) or source["name"].replace(" (gemeente)", "")
        variants = list(VARIANTS.get(code, []))
        other = kadaster.get(code, {}).get("name")
        if other and other != name and other not in variants and "(" not in other:
            variants.append(other)
        valid_to, successor = ABOLISHED.get(code, ("", ""))
        rows.append({
            "code": code, "name": name, "variants": ";".join(variants), "province": province_of(code),
            "valid_from": CREATED.get(code) or valid_from(cbs.get(code, {}).get("history", "")),
            "valid_to": valid_to, "successor": successor,
        })
    for code, (name, valid_to, successor) in HISTORICAL.items():
        rows.append({"code": code, "name": name, "variants": "", "province": province_of(code), "valid_from": "",
                     "valid_to": valid_to, "successor": successor})
    rows.sort(key=lambda row: row["code"])
    codes = {row["code"] for row in rows}
    missing = [s for _, s in ABOLISHED.values() if s not in codes]
    if missing:
        raise ValueError(f"successors not in the register: {missing}")
    return rows


def main(shared: str) -> None:
    rows = build(Path(shared))
    with open(HERE / "gemeenten.csv", "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} municipalities written")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/domain/gazetteer")
