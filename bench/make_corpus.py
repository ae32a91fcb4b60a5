"""A synthetic news corpus for the load, ingest and Spark benchmarks (deterministic).

    python bench/make_corpus.py --articles 20000 --out bench/corpus.jsonl

Each JSONL line is an article ({"id", "title", "date", "outlet", "url", "text"})
plus "quotes": the quotes the generator wrote into it, with character offsets and
resolved speakers (Quote.to_dict), so a store can be filled without running spaCy.
Readers of article JSONL ignore "quotes".

The mix is meant to look like a news feed: ~40% of articles are copies of wire
stories (2–8 outlets each, dated over a few days, with small edits: a changed
lede, a truncated quote, a misquoted word, a local paragraph; a few copies are
byte-identical), the rest are unique stories.  Speakers come from a shared pool
with a skewed (Zipf-like) popularity, so some are quoted in hundreds of articles;
a later mention uses the surname, resolved to the full name.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quotegraph.model import Article, Quote, Speaker, TextSpan, quote_id  # noqa: E402

FIRST = ("Maria James Linda Robert Aisha Chen Olga Pedro Fatima Tom Grace Ibrahim Hannah Luis Mei Samuel Nadia Victor "
         "Ruth Omar Elena Kwame Sofia Daniel Priya Marcus Ingrid Tariq Julia Andre Leila Patrick Yuki Bruno Amara "
         "George Helen Dmitri Rosa Felix").split()
LAST = ("Okafor Lindqvist Hovland Briggs Castellanos Otieno Farrow Pritchard Achebe Mertens Nakamura Reyes Kowalski "
        "Haddad Brennan Osei Delacroix Moreau Fischer Novak Silva Tanaka Abiodun Larsen Ivanova Quinn Mbeki Romero "
        "Sato Whitfield Duarte Eriksen Kaplan Wasser Ng Petrov Gallagher Jensen Amari Vogel Bianchi Sorensen "
        "Adeyemi Morales Holloway Park Schmidt Oyelaran Vance").split()
ROLES = ("the mayor|a city council member|the union president|a spokesperson for the agency|the governor|"
         "a state senator|the police chief|the company's chief executive|a hospital administrator|the school "
         "superintendent|an economist at the university|the festival director|the team's head coach|a local "
         "business owner|the transport minister|a climate scientist|the prosecutor|a defence lawyer").split("|")
OUTLETS = ("Capitol Wire|Riverton Gazette|The Daily Marquee|Harbor Times|Metro Ledger|Valley Courier|North Star "
           "Tribune|Coastal Herald|Plainsview Post|The Evening Record|Summit News|Lakeside Journal|Prairie "
           "Dispatch|Bay City Chronicle|Granite Observer|The Morning Sentinel|Westfield Register|Eastport Signal|"
           "Union Bulletin|Highland Press").split("|")
WIRES = ("Capitol Wire", "Global Press Agency", "National News Service")
CITIES = ("RIVERTON|HARBOR CITY|WESTFIELD|EASTPORT|LAKESIDE|GRANITE FALLS|BAY CITY|SUMMIT|PLAINSVIEW|NORTH "
          "HAVEN|OAKDALE|MILLBROOK").split("|")
SUBJECTS = ("we|I|the city|this administration|our members|the board|nobody here|the company|voters|families|"
            "my office|the council|our team|the state|this department|the union|local businesses|the hospital|"
            "our lawyers|the committee|parents|taxpayers").split("|")
MODALS = ("will|will not|cannot|must|should|are going to|have to|never wanted to|are ready to|refuse to|plan to|"
          "hope to|need to|may|intend to|were forced to|promised to").split("|")
VERBS = ("fund|close|protect|delay|approve|reject|rebuild|cut|expand|review|investigate|support|replace|defend|"
         "reopen|sell|challenge|finish|announce|question|audit|redesign|relocate|restore|cancel|postpone|upgrade|"
         "renegotiate|privatise|shut down|scale back|double|freeze|overhaul|inspect|subsidise|appeal|block|rename|"
         "modernise").split("|")
ADJECTIVES = ("new|old|proposed|controversial|expensive|delayed|long-awaited|federal|regional|downtown|northern|"
              "temporary|permanent|failing|popular|unfinished|revised|emergency|historic|flagship|second|entire|"
              "disputed|public|private|costly|original|smaller|larger|whole").split("|")
OBJECTS = ("budget|terminal|bus routes|stadium deal|schools|contract|hospital wing|water system|housing plan|"
           "festival|port|library|tax increase|bridge|pension fund|police review|trade agreement|vaccine programme|"
           "election audit|downtown project|rail line|airport expansion|recycling centre|zoning rules|parking "
           "garage|school lunch programme|court ruling|merger|factory|power plant|clinic|museum|ferry service|"
           "bike lanes|tunnel|sewer upgrade|playground|fire station|shelter|data centre|wind farm|toll road|"
           "union contract|training centre|market hall").split("|")
MONTHS = "January February March April May June July August September October November December".split()
TAILS = ("this year|before the winter|without a public vote|as long as I am here|for the people who need it most|"
         "no matter what the critics say|by the end of the month|and we will keep fighting|until the numbers add "
         "up|because the law is clear|and everyone knows it|with or without federal money|for the next "
         "generation|despite the cost|after years of delay|in the next budget|because it is the right thing to "
         "do|while the investigation continues|by {month}|before {n} people lose their jobs|for the {n} families "
         "who rely on it|even if it costs {n} million dollars|as we promised in {month}|within {n} weeks|after "
         "the {month} hearing|for {n} more years|and I said so in {month}|unless {n} more votes turn up|at a cost "
         "of {n} million|starting in {month}|").split("|")
FILLER = ("The proposal drew criticism from several groups at a public meeting on {day}.|Officials said a final "
          "decision could come within weeks.|The dispute has lasted for months and shows no sign of ending.|"
          "Critics argued the plan would cost far more than promised.|Supporters packed the hall, some holding "
          "signs.|A vote is expected later this month.|The agency did not respond to a request for comment.|"
          "Records reviewed by reporters show the figures changed twice since spring.|Residents have complained "
          "about the issue for years.|The measure passed a first reading by a narrow margin.").split("|")
LEDES = ("{city} — {name} on {day} defended a plan to {verb} {obj}, setting up a fight with critics.|{city} — A plan "
         "to {verb} {obj} moved forward on {day} despite objections, {name} announced.|{city} — Officials clashed on "
         "{day} over whether to {verb} {obj}, with {name} leading the charge.").split("|")
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


class Speakers:
    """A shared pool of people with Zipf-like popularity."""

    def __init__(self, rng: random.Random, size: int = 800) -> None:
        names = set()
        while len(names) < size:
            names.add((rng.choice(FIRST), rng.choice(LAST)))
        self.people = [(f, l, rng.choice(ROLES)) for f, l in sorted(names)]
        rng.shuffle(self.people)
        self.weights = [1.0 / (rank + 1) ** 0.9 for rank in range(size)]
        self.rng = rng

    def pick(self) -> tuple[str, str, str]:
        return self.rng.choices(self.people, weights=self.weights, k=1)[0]


def clause(rng: random.Random) -> str:
    adjective = rng.choice(ADJECTIVES) + " " if rng.random() < 0.6 else ""
    tail = rng.choice(TAILS).format(month=rng.choice(MONTHS), n=rng.randint(2, 900))
    return f"{rng.choice(SUBJECTS)} {rng.choice(MODALS)} {rng.choice(VERBS)} the {adjective}{rng.choice(OBJECTS)} {tail}".strip()


def quote_text(rng: random.Random) -> str:
    text = ", and ".join(clause(rng) for _ in range(rng.choice((1, 1, 2, 2, 3))))
    return text[0].upper() + text[1:]


class Builder:
    """Appends paragraphs and records quote offsets as it goes."""

    def __init__(self) -> None:
        self.text = ""
        self.quotes: list[tuple[tuple[int, int], tuple[int, int], tuple[int, int], str, str, str]] = []

    def para(self, s: str) -> None:
        self.text += ("\n\n" if self.text else "") + s

    def quote(self, words: str, mention: str, cue: str, after: str, full: str, role: str, kind: str = "direct") -> None:
        start = len(self.text) + (2 if self.text else 0)
        if kind == "direct":
            para = f'"{words}," {mention} {cue}{after}.'
            c = (start + 1, start + 1 + len(words))
            m = (c[1] + 3, c[1] + 3 + len(mention))
            k = (m[1] + 1, m[1] + 1 + len(cue))
        else:
            para = f"{mention} {cue} that {words[0].lower() + words[1:]}."
            m = (start, start + len(mention))
            k = (m[1] + 1, m[1] + 1 + len(cue))
            c = (k[1] + 6, k[1] + 6 + len(words))
        self.para(para)
        self.quotes.append((c, m, k, full, role, kind))

    def article(self, **meta: str) -> dict:
        art = Article(text=self.text, **meta)
        quotes = []
        for c, m, k, full, role, kind in self.quotes:
            content = TextSpan.from_offsets(self.text, [c])
            quotes.append(Quote(id=quote_id(art.id, content), content=content,
                                source=TextSpan.from_offsets(self.text, [m]), cue=TextSpan.from_offsets(self.text, [k]),
                                speaker=Speaker(full, roles=(role.removeprefix("the ").removeprefix("a ").removeprefix("an "),)),
                                type=kind, act="speech").to_dict())  # type: ignore[arg-type]  # "said", "told reporters"
        return {**art.to_dict(), "quotes": quotes}


def story(rng: random.Random, speakers: Speakers, date: dt.date) -> dict:
    """The facts of a story: who says what."""
    people = [speakers.pick() for _ in range(rng.choice((1, 2, 2, 3)))]
    return {
        "date": date,
        "city": rng.choice(CITIES),
        "verb": rng.choice(VERBS),
        "obj": "the " + rng.choice(OBJECTS),
        "lede": rng.randrange(len(LEDES)),
        "people": people,
        "quotes": [(p, quote_text(rng)) for p in people for _ in range(rng.choice((1, 1, 2)))],
        "filler": rng.sample(range(len(FILLER)), 4),
        "indirect": [(p, quote_text(rng)) for p in people[:1]],
    }


def write(rng: random.Random, st: dict, outlet: str, date: dt.date, number: int, edit: bool) -> dict:
    b = Builder()
    day = DAYS[st["date"].weekday()]
    first, last, role = st["people"][0]
    lede = LEDES[st["lede"]].format(city=st["city"], name=f"{first} {last}", day=day, verb=st["verb"], obj=st["obj"])
    if edit and rng.random() < 0.5:
        lede = lede.replace(" on ", " late on ", 1)
    b.para(lede)
    named = set()
    fillers = [FILLER[i].format(day=day) for i in st["filler"]]
    for i, ((f, l, r), words) in enumerate(st["quotes"]):
        if edit and rng.random() < 0.15:  # misquote: one word changed
            w = words.split()
            j = rng.randrange(len(w))
            w[j] = rng.choice(VERBS) if w[j] not in VERBS else rng.choice(MODALS).split()[0]
            words = " ".join(w)
        elif edit and rng.random() < 0.15 and len(words.split()) > 8:  # truncated
            words = " ".join(words.split()[: max(6, len(words.split()) * 2 // 3)])
        if (f, l) in named:
            b.quote(words, l, "said", "", f"{f} {l}", r)
        else:
            named.add((f, l))
            b.quote(words, f"{f} {l}", "said", f" on {day}", f"{f} {l}", r)
            b.quotes[-1] = (*b.quotes[-1][:4], r, "direct")
        if i < len(fillers):
            b.para(fillers[i])
    for (f, l, r), words in st["indirect"]:
        b.quote(words, l, "told reporters", "", f"{f} {l}", r, kind="indirect")
    if edit and rng.random() < 0.3:
        b.para(f"Readers of the {outlet} can follow updates on its website.")
    slug = f"{st['verb']}-{st['obj'].split()[-1]}"
    title = f"{first} {last} moves to {st['verb']} {st['obj']}"
    return b.article(id=f"syn-{number:06d}", title=title, date=date.isoformat(), outlet=outlet,
                     url=f"https://{outlet.lower().replace(' ', '')}.example/{date:%Y/%m/%d}/{slug}-{number}")


def _copy(record: dict, new_id: str, outlet: str) -> dict:
    """The same text under another id and outlet (quote ids follow the article id)."""
    quotes = [{**q, "id": quote_id(new_id, TextSpan.from_dict(q["content"]))} for q in record["quotes"]]
    return {**record, "id": new_id, "outlet": outlet, "quotes": quotes}


def generate(n: int, seed: int = 7):
    """Yield ``n`` article records, deterministically for a given seed."""
    rng = random.Random(seed)
    speakers = Speakers(rng)
    start = dt.date(2023, 1, 1)
    number = 0
    while number < n:
        date = start + dt.timedelta(days=rng.randrange(730))
        st = story(rng, speakers, date)
        if rng.random() < 0.12:  # a wire story: several outlets over a few days
            copies = rng.randint(2, 8)
            wire = write(rng, st, rng.choice(WIRES), date, number, edit=False)
            yield wire
            number += 1
            for outlet in rng.sample(OUTLETS, copies - 1):
                if number >= n:
                    return
                if rng.random() < 0.1:  # byte-identical syndication
                    yield _copy(wire, f"syn-{number:06d}", outlet)
                else:
                    later = date + dt.timedelta(days=rng.choice((0, 0, 1, 1, 2, 3)))
                    yield write(rng, st, outlet, later, number, edit=True)
                number += 1
        else:
            yield write(rng, st, rng.choice(OUTLETS), date, number, edit=False)
            number += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000, help="how many articles (default: 20000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default: 7)")
    parser.add_argument("--out", default="-", help="output JSONL file (default: stdout)")
    args = parser.parse_args(argv)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    try:
        for record in generate(args.articles, args.seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
