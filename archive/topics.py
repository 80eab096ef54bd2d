"""Topics of an article, by documented rules over its words and their Swedish stems.

samverkan, cooperation between municipalities, is given by archive/samverkan.py. The other topics
are given by the words of archive/topic_words.py (keyword stems that begin a word or its stem,
short ones that must equal it, and compound heads that end it; none matches a place name of the
region, tests/unit/test_topics.py checks a list of them), read as the guide reads an article:

- the title or the lead must name the topic (a topic in the body alone is a passing mention); the
  title weighs 3 and the lead 1;
- a title's or lead's first word naming a municipal body, a service or an office holder in the
  definite form is its actor ("Förskolan startar laddplatser") and counts only when nothing after
  it has a topic; a matter ("Matsvinnet i skolorna minskar") or a school by its own name opens with
  the news; building work on a street, road or car park is trafik, not bygga och bo;
- a lead that opens with the news done to its object ("Bygget av den nya skolan kostar mer") gives
  that opening word the title's weight;
- each body paragraph with three hits of the topic adds 1, and a topic the lead names that the body
  mentions three more times adds 2 (a budget's "satsningar på äldreomsorgen och skolan");
- a topic needs 3 and a fifth of the best topic's score, and at most three are given;
- words that say where, when, what kind, whose or for whom are not what an article is about: the
  phrase after "vid", "längs", "nära" or "under" ("vid halt väglag"), the word after "då" ("då
  Medeltidsdagarna hålls") or "IT-", the end of "vägen till", an area or a street after "i" or
  "på" (also after a place's genitive: "i Faluns bostadsområden"), "bygga upp" (to set up), a
  genitive owner before a noun with a topic of its own ("Medeltidsdagarnas parkering"), an
  audience ("invånare och företag"), a share ("majoriteten av"), a holiday after a word of time
  ("efter sportlovet"), an event after "före" or "efter" ("öppnar före Medeltidsdagarna") or named as
  the cause ("på grund av sommarkonserten"), a building or means after "på" that follows a matter of
  another topic ("solceller på skolor och sporthallar", "hemtjänst på cykel"), notice on a service's place ("uppsägningar av
  förskoleplatser"), a rating ("högst betyg": no school grade) and "en väg in i" (no road);
- "vattnet" alone is mostly a lake, but beside what is done to the supply ("Vattnet avstängt", "Sparsamt
  med vattnet", "Störningar i vattnet") it is the tap water, bygga och bo;
- a headline that builds a school, a care home or a sports hall, with its cost in millions in the body,
  is bygga och bo too (not one that refuses it: "Nej till ny sporthall");
- a committee named for two fields ("kultur- och fritidsnämnden") names an organisation, not its fields;
- a title that names kulturskolan makes its pupils and teachers that school's, not skola och förskola,
  and a title or lead that names a care home (or "ett boende" with the care need it meets) makes its
  flats, tenants and "boende" its residents' (vård och omsorg), not housing;
- a title that names the school run (skolskjuts) makes its buses, timetable, operator and procurement
  the school run's (skola och förskola), not trafik, building work or business news;
- a title or lead that recruits ("sökes", "med lön", "vill du jobba inom ...", a title opening "Bli
  undersköterska") is jobs news: the care it names is where the job is, and its hits go to näringsliv
  och arbete;
- a job advertisement ("söker två lärare i matematik till Withalaskolan", a title "Brandmän sökes" or one
  opening with the post its lead seeks) makes the post and the school or care after "söker" the job's, but a
  new school it is for stays school news; the region's vårdcentral alone is not the municipality's care;
- a title that seeks holders of a post ("Kommunen söker förskollärare", "söker ny kommundirektör") is
  also näringsliv och arbete, at the least score a topic needs (not citizens, the elected, volunteers or
  organisers applying for a grant); hiring is an action and the post hired decides ("Täby anställer fler
  skolsköterskor" is school news), unless the staff are hired to be trained;
- a title with no topic word is a teaser: its lead's first sentence weighs 2 (between a lead and a title);
- a town square in a headline with building work is bygga och bo; a building built, in the passive too
  ("nya förskolan byggs"), but not a pitch or a park; "vatten" beside water named as nature is the lake's;
  broadband is bygga och bo unless the headline ranks coverage; a station in the rescue service's headline
  is a fire station; an event beside the traffic it changes is its reason; a building the title names as
  where its matter is done stays a place in the lead; the "Bro" of Upplands-Bro is a name;
- a title or lead that reports an inspection by the environment office makes the restaurants,
  shops and schools it names the inspected: their hits go to miljö (miljö- och hälsoskydd);
- a budget (its title or lead names one) gives the areas its lead names ("tillskotten går till
  äldreomsorgen och skolan");
- a vote reported anywhere in the article ("förslaget röstades ned", "röstade emot") makes it politik
  och demokrati too, at the least score a topic needs;
- a meeting's agenda: when the title or lead announces a meeting ("sammanträder", "ärendena"), a body
  paragraph whose main topic has three hits is an item of its own and gives that topic.

These rules give samverkan alone. Each other topic is given by them or by a trained model
(archive/topic_model.py: one logistic regression per topic over the article's stemmed words, place
names left out, trained on every labelled set), whichever gives it; `classify` joins the two. A rule
can be read here and argued with; a topic the model gave names the words that weighed most toward it
(archive.topic_model.reasons).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from archive.municipality_mentions import NAMES
from archive.samverkan import COOPERATION, JOINT_BODIES, SAMVERKAN, is_samverkan
from archive.text import stem, words
from archive.topic_model import MAX_OTHER_TOPICS, combine, margins
from archive.topic_words import (
    BYGGA,
    CARE_HOMES,
    COMPOUND_HEADS,
    HOMES,
    KULTUR,
    LEISURE_SCHOOLS,
    MILJO,
    NARINGSLIV,
    NOT_STEMS,
    NOT_WORDS,
    PHRASES,
    POLITIK,
    SKOLA,
    TOPIC_STEMS,
    TRAFIK,
    VARD,
    WHOLE_STEMS,
)

# How an article's words weigh (docs/topics.md: title and lead first; a passing mention in the body
# does not count, a paragraph of its own does).
TITLE_WEIGHT, LEAD_WEIGHT = 3, 1
PARAGRAPH_HITS = 3  # a body paragraph with this many hits of a topic reports on it
SUBJECT_DEMOTED = True  # a title's or lead's first word (its actor) counts only when nothing after it has a topic
MIN_SCORE = 3
BODY_AGAIN, TAKEN_UP = 3, 2  # a topic the lead names and the body mentions this often again gains this
# The phrase after these says where or when, not what about: "vid skolan", "längs vägarna" and
# "nära E18" are places, "under ombyggnaden" a time (docs/topics.md: "under tiden kan det bli
# störningar i trafiken" is background); the phrase runs to its noun ("vid halt väglag", "vid alla kommunens skolor").
PLACE_OR_TIME = frozenset({"vid", "längs", "nära", "under", "förbi"})  # "förbi skolan": a way past it
PHRASE_SPAN = 2
# ... and a quantifier in it does not count: "vid alla kommunens skolor" (a flag raised there) is a place.
QUANTIFIERS = frozenset({"alla", "samtliga", "flera", "några", "många", "våra", "sina"})
# A service's building or means after "på" that follows a matter of another topic is where or how that
# matter is done (the object decides): "solceller på skolor" is miljö, "hemtjänst på cykel" care.
ON, ON_SPAN = "på", 3
# The word right after these says when or what kind: "då Medeltidsdagarna hålls" is a date (docs/
# topics.md: "an event used as a date"; only the next word, since "Då stängs vägen" opens a
# sentence), an "IT-miljö" is computers and "IT-trafik" data (words() splits "IT-miljö" into two).
KIND_OF = frozenset({"it", "då"})
# Who a notice is for: "invånare och företag", "hushåll och företag" is everyone, not business news.
AUDIENCE = frozenset({"invånare", "invånarna", "hushåll", "hushållen", "privatpersoner", "medborgare", "boende"})
# A holiday after a word of time is a date, not what the text is about: "öppnar efter sportlovet",
# "klart till sommarlovet" ("Aktiviteter på sommarlovet" is about the holiday).
HOLIDAYS, BEFORE_OR_AFTER = ("lov", "sommarlov", "sportlov", "höstlov", "påsklov", "jullov"), \
    frozenset({"efter", "före", "inför", "till", "sedan", "hela"})  # "ute hela sommarlovet": how long
# ... and so is an event after "före" or "efter" (docs/topics.md: "an event used as a date"): "Nygatan
# öppnar före Medeltidsdagarna", "stängt efter festivalen".
BEFORE_OR_AFTER_EVENT = frozenset({"före", "efter"})
EVENTS = ("medeltidsdag", "festival", "marknad", "julmarknad", "evenemang", "konsert", "midsommar", "valborg")
# ... and an event named as the cause ("på grund av sommarkonserten", "påverkas av konsert") is the reason
# for the news, not the news (docs/topics.md: "an event used as a date or a reason").
CAUSE_OF = frozenset({"grund", "påverkas", "påverkad", "påverkade", "påverkat"})
# ... and so is an event beside the traffic it changes in one headline ("Jokkmokks marknad – trafikinformation"):
# the traffic is the news, the event its reason.
# Notice given on a service's place or a contract ("uppsägningar av förskoleplatser") is that service's
# news; only notice given to staff (no topic after "av") is a layoff.
NOTICE = ("uppsägning",)
# A share, not a political majority: "majoriteten av eleverna".
SHARE_OF = ("majoritet",)
# ... and the end of a route is a place too: "vägen till skolan" is a way to school (trafik).
ROUTES, TOWARDS = frozenset({"väg", "vägen", "vägar", "vägarna"}), frozenset({"till"})
# ... and "en väg in i arbetslivet", "en väg in för företagen" is a way into something, no road at all.
WAY_IN = (frozenset({"väg", "vägen", "vägar"}), "in", frozenset({"i", "för"}))
# ... and after "i" or "på", an area or a street ("i industriområdet", "fastigheterna på gatan") is
# a place too.
IN_AREA, AREA_ENDS = frozenset({"i", "på"}), ("området", "områden", "områdena", "gatan", "gatorna", "gata")
# ... and a street named in two words after "i" or "på" ("lägenheter på Vena gata") is an address.
STREET_NAMED = "gata"
# ... also with a place's genitive between ("i Faluns bostadsområden").
# A meeting's agenda (docs/topics.md, "A council meeting's agenda"): an item with a paragraph of its
# own gives its topic even though the title and lead only name the meeting; items in a list do not
# (a list gives each item a hit or two, a paragraph of its own PARAGRAPH_HITS of one topic). The
# meeting is announced ("sammanträder", "ärendena"); "godkände avtalet på sammanträdet" is where a
# decision was taken.
AGENDA = ("sammanträder", "ärendena", "dagordning", "föredragningslist")  # not "ärenden": also a caseload
# A title or lead that recruits or pays ("sommarvikarier sökes", "utbildning med lön", "vill du jobba
# inom äldreomsorgen?") is news of jobs (docs/topics.md: recruiting care staff through training is
# näringsliv och arbete): the care it names is where the job is.
# Whole words, since "jobbar" and "lönnar" (maples) begin like them: "Hemtjänsten jobbar med ..." is care.
JOB_SIGNS, JOB_WORDS = ("sökes", "rekryter"), frozenset({"jobba", "lön", "lönen"})
# ... and so does one that seeks a new holder of a post ("Kommunen söker ny socialchef"), named by how
# Swedish names a post ("-chef", "-are", "-ör", "rektor"); "söker nya lokaler" seeks premises.
# A title that seeks holders of a post without "ny" ("Kommunen söker förskollärare", "Omsorgen söker
# semestervikarier") recruits too, and the job is news of its own: näringsliv och arbete at the least score
# a topic needs beside the service the post is in (the labelled sets' "söker lärare" and "söker
# sjuksköterskor" are näringsliv och arbete).
# ... and "söker ny kommundirektör" seeks one as well (the post may follow "ny").
SEEKS, NEW, ADVERTISED = "söker", frozenset({"ny", "nya"}), "sökes"
# ... and how many are sought comes before the post too: "söker två lärare", "söker fem nya lärare".
COUNTS = frozenset({"en", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "fler", "flera"})
# Hiring is an action, and the post hired decides (docs/topics.md, the generated texts: "the action adds no topic";
# "news of a service that has filled its posts, told to its users, is the service's topic only"): "Täby anställer
# fler skolsköterskor", "Heby kommun har anställt tolv nya lärare" are school news; "Glassfabriken anställer 15" and
# "Kommunen anställer" with no post of another topic are jobs. A job advertisement says "söker" or "sökes" (above),
# and staff hired to be trained ("anställer 40 undersköterskor under utbildning") are recruited: docs/topics.md
# names "care staff through training" among the jobs.
HIRES, TRAINED = "anställ", "utbildning"
POSTS = ("chef", "chefer", "are", "ör", "örer", "rektor", "rektorer", "medarbetare", "personal", "assistent",
         "assistenter", "sköterska", "sköterskor", "pedagog", "pedagoger", "ekonom", "ekonomer", "vikarie", "vikarier")
# ... and so does a headline that opens by calling the reader to a post ("Bli undersköterska", "Bli lärare"):
# the imperative only, since "kan bli snabbare" compares (its "-are" is no post).
CALL_TO = "bli"
# Recruiting volunteers and families is not a job (docs/topics.md: "recruiting volunteers (gode män) is
# not"): "letar familjehem", "rekryterar kontaktpersoner" stay care.
VOLUNTEERS = ("arrangör",  # organisers of holiday activities apply for a grant: associations, not staff
              "familjehem", "kontaktfamilj", "kontaktperson", "jourhem", "stödfamilj", "volontär", "gode",
              "röstmottagar", "medborgar", "förtroendevald", "ledamot", "ledamöter")  # ... nor citizens and the elected (politik)
# An inspection by the environment office (docs/topics.md: "environmental inspection and miljö- och hälsoskydd")
# makes the restaurants, shops and schools it names the inspected, not business or school news ("Miljöavdelningen
# har gjort tillsyn av ventilationen i 14 skolor": the air inside is miljö- och hälsoskydd): "Miljöförvaltningen har
# kontrollerat restaurangerna", "miljöinspektörer kontrollerar restauranger och butiker". The headline
# names the inspection and something of miljö (the office, its inspectors, "livsmedelskontroll").
INSPECTS = ("kontroll", "inspekt", "inspekter", "tillsyn")
# The school run (skolskjuts) is skola och förskola (docs/topics.md): a title that names it makes the buses,
# stops, timetables and the operator ("ny entreprenör") it goes on to name the school run's, not trafik or
# building work (every title naming it in the labelled sets, 12 of them, was labelled skola och förskola alone).
# Its procurement is the school run's too ("Skolskjutsen i Heby: ny upphandling": the operator and its contract are
# what the school run is made of, not news for suppliers).
SCHOOL_RUNS = ("skolskjuts",)  # not "skolbusslinje": a line of public transport the pupils ride (trafik too)
# A vote reported anywhere in the article ("förslaget röstades ned med 6 röster mot 5", "I Köping röstade
# Sverigedemokraterna emot") makes the decision a political one: politik och demokrati (docs/topics.md:
# "decisions of the council and committees" when the article reports the politics). In the labelled sets
# every article with such a word (74) was labelled politik och demokrati, five of them with the vote in
# the body alone. Not "röstade fram" (a poll picking a winner), nor "reserverade" (also reserved books).
VOTED, POLL = frozenset({"röstade", "röstades", "röstat", "röstats"}), "fram"
# A budget is politik och demokrati plus the areas its title or lead names (docs/topics.md, "A budget").
BUDGET = ("budget",)
# A teaser title ("Nu drar det igång", "Stängt i Tibblehallen") names nothing, and the lead then carries the news
# and gives the topics, as the title would (docs/topics.md, "A teaser title"). A title in which no keyword is found
# may also name a matter no keyword knows ("Plogpinnarna sätts ut"), so its lead weighs between a lead and a title:
# one word of it needs the body to take the topic up (at 3, one hit in a lead so read gave every passing word of it
# a topic: 40 more false positives over the labelled sets, against 26 more found). A title that names cooperation
# between municipalities names its matter (samverkan), and is no teaser.
TEASER_LEAD_WEIGHT = 2
SENTENCE_END = re.compile(r"[.!?]")
RELATIVE = 0.2  # a topic scoring under this share of the best one is a side matter


_PREFIXES = {topic: tuple(sorted(stems)) for topic, stems in TOPIC_STEMS.items()}
_HEAD_MIN = 3  # letters a compound needs before its head ("Gäddgårdsskolan", not "Oskola")


@lru_cache(maxsize=65536)
def _topics_of(token_stem: str) -> tuple[str, ...]:
    """The topics whose keyword stems begin this stem, or equal it (each stem is looked at once)."""
    return tuple(topic for topic, prefixes in _PREFIXES.items()
                 if (token_stem.startswith(prefixes) and not token_stem.startswith(NOT_STEMS.get(topic, ("\0",))))
                 or token_stem in WHOLE_STEMS.get(topic, ()))


@lru_cache(maxsize=65536)
def _topics_of_word(word: str) -> tuple[str, ...]:
    """The topics of a word: of its keywords, its stem's and its compound head's, less those whose
    NOT_STEMS begin the word itself (the stem of "naturligt" is "natur", but the word is no nature)."""
    # "vatten" ending a compound loses its e when inflected (dricksvattnet, grundvattnet): read it as the
    # keywords spell it. "vattnet" alone stays as it is: mostly a lake, not the water supply (topic_words).
    # Only before "e": "bevattningsförbud" is no "bevattenings-".
    if "vattne" in word[1:]:
        word = word[0] + word[1:].replace("vattne", "vattene")
    if any(school in word[1:] for school in LEISURE_SCHOOLS):  # "sommarsimskolan" is a swimming school: leisure
        return (KULTUR,)
    heads = tuple(topic for topic, ends in COMPOUND_HEADS.items()
                  if any(word.endswith(end) and len(word) >= len(end) + _HEAD_MIN for end in ends))
    return tuple(topic for topic in dict.fromkeys(_topics_of(word) + _topics_of(stem(word)) + heads)
                 if not word.startswith(NOT_STEMS.get(topic, ("\0",))) and word not in NOT_WORDS.get(topic, ()))


def _on_a_place(ws: list[str], i: int) -> bool:
    """Whether ws[i] is where a matter of another topic is done: within ON_SPAN words after "på" that
    follows it ("solceller på skolor och sporthallar", "sopsortering på Sala badhus", "hemtjänst på cykel")."""
    mine = set(_topics_of_word(ws[i]))
    for k in range(i - 1, max(0, i - 1 - ON_SPAN), -1):
        if ws[k] == ON:
            matter = set(_topics_of_word(ws[k - 1]))
            return bool(mine and matter and not mine & matter)
    return False


_AND_AUDIENCE = [["och", a] for a in AUDIENCE]


# The last part of a municipality's name in two words is a name, not a word: the "Bro" of "Upplands-Bro" is no
# bridge (docs/topics.md: a place or a name is a passing mention; words() splits "Upplands-Bro" in two).
NAME_ENDS = frozenset((ws[-2], ws[-1]) for ws in map(words, NAMES) if len(ws) > 1)


def _names_no_matter(ws: list[str], i: int) -> bool:
    """Whether ws[i] says where, when or what kind rather than what the text is about."""
    before = ws[i - 1] if i else ""
    if (before, ws[i]) in NAME_ENDS:
        return True
    if before in KIND_OF or (ws[i].endswith(AREA_ENDS) and (before in IN_AREA or (
            i > 1 and ws[i - 2] in IN_AREA and (before.endswith("s") or ws[i] == STREET_NAMED)))):
        return True
    if ws[i].startswith("bygg") and ws[i + 1:i + 2] == ["upp"]:
        return True  # "byggs upp", "bygga upp": set up (a training, a service), not building work
    if i > 1 and before in TOWARDS and ws[i - 2] in ROUTES:
        return True
    if ws[i] in WAY_IN[0] and ws[i + 1:i + 2] == [WAY_IN[1]] and ws[i + 2:i + 3] and ws[i + 2] in WAY_IN[2]:
        return True
    if (i > 1 and before == "och" and ws[i - 2] in AUDIENCE) or ws[i + 1:i + 3] in _AND_AUDIENCE:
        return True
    if ws[i].startswith(SHARE_OF) and ws[i + 1:i + 2] == ["av"]:
        return True
    if before in BEFORE_OR_AFTER and stem(ws[i]) in HOLIDAYS:
        return True
    if before in BEFORE_OR_AFTER_EVENT and ws[i].startswith(EVENTS):
        return True
    if before == "av" and i > 1 and ws[i - 2] in CAUSE_OF and any(e in ws[i] for e in EVENTS):  # "sommarkonserten"
        return True
    if ws[i].startswith(NOTICE) and ws[i + 1:i + 2] == ["av"] and ws[i + 2:i + 3] and _topics_of_word(ws[i + 2]):
        return True
    if _on_a_place(ws, i):
        return True
    span = PHRASE_SPAN
    for j in range(i - 1, max(-1, i - 1 - PHRASE_SPAN - 1), -1):  # back to a place or time word, not past a topic
        if ws[j] in PLACE_OR_TIME:
            return True
        if _topics_of_word(ws[j]):
            return False
        span -= ws[j] not in QUANTIFIERS
        if not span:
            return False
    return False


# "Äldre" as a noun is the elderly, whom elder care serves ("mat till äldre", "70 år eller äldre", "äldre
# som känner sig ensamma"): after a preposition or a quantifier, or before a word that ends its noun
# phrase. As an adjective it qualifies a noun ("äldre elever", "äldre träd" are their own topic's) or
# compares ("äldre än 200 år").
ELDERLY = frozenset({"äldre", "äldres"})
ELDERLY_AFTER = frozenset({"för", "eller", "till", "om", "av", "hos", "bland", "alla", "många", "våra", "fler", "sköra"})
ELDERLY_BEFORE = frozenset({"", "som", "och", "i", "med", "på", "över", "får", "ska", "kan", "har", "bjuds", "erbjuds"})


def _the_elderly(ws: list[str], i: int) -> bool:
    """Whether ws[i] is "äldre" meaning the elderly: as a noun, and not before a word with a topic."""
    before, after = ws[i - 1] if i else "", ws[i + 1] if i + 1 < len(ws) else ""
    return (ws[i] in ELDERLY and (before in ELDERLY_AFTER or after in ELDERLY_BEFORE)
            and not _topics_of_word(after))


def _owner(ws: list[str], i: int) -> bool:
    """Whether ws[i] is a genitive whose noun names a topic of its own: in "Medeltidsdagarnas
    parkering" and "skolans parkering" the parking is the matter, its owner is not (the object decides)."""
    w = ws[i]
    if i + 1 >= len(ws) or not w.endswith("s") or not _topics_of_word(w[:-1]):
        return False
    return bool(set(_topics_of_word(ws[i + 1])) - set(_topics_of_word(w)))


# "Vattnet" alone is mostly a lake ("bada där vattnet är grönt", "längs vattnet"), but beside what is done
# to the supply it is the tap water, VA of bygga och bo: "Vattnet avstängt", "Sparsamt med vattnet",
# "Störningar i vattnet", "vattnet kan bli missfärgat" (every title in the labelled sets with "vattnet" and
# such a word was labelled bygga och bo). The two-word terms "koka vattnet" and "vattnet stängs" already
# count it once.
TAP_WATER, SUPPLY_SIGNS, SUPPLY_SPAN = frozenset({"vattnet"}), \
    ("avstäng", "stäng", "kok", "spar", "störning", "missfärg", "tryck", "läck", "förbruk", "avbrott"), 3


def _the_tap_water(ws: list[str], i: int) -> bool:
    """Whether ws[i] is "vattnet" as the water supply: a supply word within SUPPLY_SPAN words, and no
    two-word term of its own (which counts it already)."""
    if ws[i] not in TAP_WATER:
        return False
    if (i and (stem(ws[i - 1]), stem(ws[i])) in PHRASES) or (
            i + 1 < len(ws) and (stem(ws[i]), stem(ws[i + 1])) in PHRASES):
        return False
    near = ws[max(0, i - SUPPLY_SPAN):i] + ws[i + 1:i + 1 + SUPPLY_SPAN]
    return any(w.startswith(SUPPLY_SIGNS) for w in near)


# A rating is no school grade: "Hemtjänsten får högst betyg", "Företagarna ger bättre betyg" (in the labelled
# headlines every "betyg" after such a word rated a service); "godkända betyg", "betygen i nian" stay school.
GRADES, RATED = ("betyg",), frozenset({"bra", "bättre", "bäst", "högst", "höga", "gott", "goda", "sämre", "sämst", "dåligt", "dåliga"})


# A committee named for two fields ("kultur- och fritidsnämnden", "barn- och utbildningsnämnden", "miljö- och
# byggnämnden") is named, not its fields reported: when it is merged, formed or elected, the news is the
# organisation (the labelled sets give such articles politik och demokrati). A committee named for one
# field ("Socialnämnden skärper riktlinjerna") keeps its field: what it decides is usually that field's news.
COMMITTEE = "nämnd"


def _names_a_committee(ws: list[str], i: int) -> bool:
    """Whether ws[i] is (part of) a committee's name: "fritidsnämnden", or the "kultur" of "kultur- och fritidsnämnden"."""
    named = i + 2 < len(ws) and ws[i + 1] == "och" and COMMITTEE in ws[i + 2]  # "kultur" of "kultur- och fritidsnämnden"
    return named or (COMMITTEE in ws[i] and i > 1 and ws[i - 1] == "och")


# The second stems of the two-word terms: a word whose stem is none of them ends no term.
_PHRASE_ENDS = frozenset(second for _, second in PHRASES)


@lru_cache(maxsize=65536)
def _may_hit(word: str) -> bool:
    """Whether a word can have a keyword hit in any context (each word is looked at once): a
    keyword of its own, "äldre", "vattnet", a home, or the end of a two-word term. Most words of
    a text cannot, and _word_hits reads the context of the others only."""
    return bool(_topics_of_word(word)) or word in ELDERLY or word in TAP_WATER or word.startswith(HOMES) \
        or stem(word) in _PHRASE_ENDS


def clear_caches() -> None:
    """Forget what was read of each word, after the keyword lists changed (bench/topic_folds.py)."""
    for cached in (_topics_of, _topics_of_word, _may_hit):
        cached.cache_clear()


def _word_hits(ws: list[str], care_home: bool = False) -> dict[int, Counter[str]]:
    """{position: its keyword hits} of the words that have any (with a two-word term that ends at
    it), none for a word that names a place, a time, a kind or an owner; positions in order. Read
    in the context of the whole sentence. In an article about a care home, its flats, tenants and
    "boende" are its residents' (care), not housing."""
    per_word: dict[int, Counter[str]] = {}
    for i in [i for i, w in enumerate(ws) if _may_hit(w)]:  # most words: nothing below could give them a hit
        w = ws[i]
        phrase = PHRASES.get((stem(ws[i - 1]), stem(w))) if i else None
        own = _topics_of_word(w)
        if not (phrase or own or w in ELDERLY or w in TAP_WATER or (care_home and w.startswith(HOMES))):
            continue
        hits: Counter[str] = Counter()
        if phrase and ws[i - 1] in PLACE_OR_TIME:
            hits[phrase] += 1  # "våld i nära relationer": the place word is the term's own first word
        elif _names_a_committee(ws, i):
            pass
        elif not (_names_no_matter(ws, i) or _owner(ws, i)):
            hits.update(own)
            if phrase:
                hits[phrase] += 1
            if _the_elderly(ws, i):
                hits[VARD] += 1
            if _the_tap_water(ws, i):
                hits[BYGGA] += 1
            if w.startswith(GRADES) and i and ws[i - 1] in RATED:
                hits.pop(SKOLA, None)
            if care_home and w.startswith(HOMES):
                hits.pop(BYGGA, None)
                hits[VARD] += 1
        if hits:
            per_word[i] = hits
    return per_word


# A list of examples in a body paragraph is a passing mention (docs/topics.md: "a word in a list of
# examples or services"): "specialister inom till exempel förorenad mark och strandskydd".
EXAMPLES, EXAMPLE_SPAN = (("till", "exempel"), ("bland", "annat"), ("t", "ex")), 6


def _hits(ws: list[str], care_home: bool = False) -> Counter[str]:
    """Keyword hits per topic in a run of body words, less those in a list of examples."""
    per_word = _word_hits(ws, care_home)
    total: Counter[str] = Counter()
    if not per_word:
        return total
    for i in range(1, len(ws)):
        if (ws[i - 1], ws[i]) in EXAMPLES:
            for k in range(i + 1, i + 1 + EXAMPLE_SPAN):
                per_word.pop(k, None)
    for h in per_word.values():  # update in place: sum() made a new Counter a word
        total.update(h)
    return total


# An actor opening a sentence is one of the municipality's bodies or services named as such, in the
# definite form: a committee, an administration, an office or unit, the council, or a service by its
# generic name ("Förskolan", "Biblioteket", "Hemtjänsten", "Socialnämnden", "Kommunfullmäktige"),
# or an office holder by title ("Kommunalrådet invigde den nya lekplatsen").
# A matter in the definite form opens with the news ("Matsvinnet i skolorna minskar", "Budgeten
# klubbad", "Detaljplanen för Norra hamnen"), and so does a school by its own name ("Scheeleskolan
# inleder samarbete med teknikföretag": the labelled sets read such a school as part of the news).
_ACTOR = re.compile(r"^(?:.*(?:nämnden|förvaltningen|kontoret|enheten|styrelsen|fullmäktige|rådet|ordföranden|ministern)"
                    r"|(?:för|grund|gymnasie|kultur|musik)?skolan|biblioteket|fritidsgården|simhallen|badhuset"
                    r"|hemtjänsten|äldreboendet|hemsjukvården|socialtjänsten|vattenverket|räddningstjänsten"
                    r"|kommunen|regionen)$")
# Words of building work: they say what is done to the object ("byggs om", "ombyggnaden av", "rivningen",
# "spadtaget"), and a street, a road, a bridge or a car park being rebuilt is trafik news (docs/topics.md:
# "a street is trafik", a bridge "bygga och bo only if buildings or homes are the news").
# ... but permits and the committee that grants them are plans, not work: "bygglov", "byggnämnden".
PERMITS = ("bygglov", "byggnämnd", "byggnadsnämnd", "bygganmälan")
CONSTRUCTION = ("bygg", "ombygg", "nybygg", "tillbygg", "utbygg", "rivning", "markarbet", "entreprenad", "spadtag")
# A town square rebuilt is bygga och bo (docs/topics.md, "A town square or high street rebuilt": a square is not
# mainly for getting around); named in a headline without building work, or as where ("vid torget", "parkera på
# Stora torget"), it is a place.
SQUARES = frozenset({"torg", "torget", "torgen", "torgytan"})


# A station in a headline about the rescue service is its fire station, not one of trains and buses (rescue
# services have no topic of their own: docs/topics.md).
FIRE, STATION = ("brand", "räddning"), "station"
# Broadband is bygga och bo as a supply to homes (docs/topics.md, "Broadband"); its news, as the guide reads drinking
# water's, is "that a supply to homes is changed". A headline that ranks municipalities by their coverage ("i topp
# för fiberutbyggnad", "bredbandsligan") changes no supply: statistics, no topic.
BROADBAND, RANKED = ("bredband", "fiber"), ("topp", "liga", "ligan", "rankning", "ranking")
# "Vatten" alone in a headline that names water as nature ("vattenkvaliteten i Vänern", "vattenvårdsförbund",
# "grundvattnet") is that lake's or river's water, miljö (docs/topics.md: "lakes, rivers and groundwater as
# nature"), not the supply to homes; "kommunalt vatten" and "Vattnet avstängt" stay the supply.
WATER, WATER_WORD = frozenset({"vatten"}), "vatt"
SUPPLIED = frozenset({"kommunalt", "kommunala", "kommunens"})  # "alla som har kommunalt vatten": the supply


def _headline_hits(ws: list[str], care_home: bool = False, ranked: bool = False, lake: bool = False,
                   places: frozenset[str] = frozenset()) -> Counter[str]:
    """Hits of a title or lead. Building work on a trafik or miljö object is left to its topic
    ("Pendlarparkeringen byggs ut", "Återvinningscentralen byggs om", "Solcellspark byggs": no homes or
    buildings for people are the news; a utility such as "reningsverket" keeps its own bygga och bo). The first word, its actor ("Förskolan startar laddplatser"), counts only when nothing
    after it has a topic: the object decides. A first word followed by "av" is no actor but the news
    done to its object ("Bygget av en ny idrottshall"), and counts."""
    per_word = _word_hits(ws, care_home)
    if any(stem(w) == HIRES for w in ws) and any(set(h) - {NARINGSLIV} for h in per_word.values()) and TRAINED not in ws:
        for i, h in per_word.items():
            if stem(ws[i]) == HIRES:
                h.pop(NARINGSLIV, None)
    for i, h in per_word.items():
        if ws[i] in places:  # the title made it where its matter is done ("Solceller på Köpings simhall"): so does the lead
            h.clear()
    if lake:  # "Vänerns vatten mäts" beside "vattenkvaliteten i norra Vänern": a lake's water
        for i, h in per_word.items():
            if ws[i] in WATER and not (i and ws[i - 1] in SUPPLIED):
                h.pop(BYGGA, None)
    if ranked:  # "Köping i topp på bredbandsligan": coverage ranked, no supply changed
        for i, h in per_word.items():
            if ws[i].startswith(BROADBAND):
                h.pop(BYGGA, None)
    if any(w.startswith(FIRE) for w in ws):  # "Bli deltidsbrandman ... till stationen i Ljungsbro": a fire station
        for i, h in per_word.items():
            if ws[i].startswith(STATION):
                h.pop(TRAFIK, None)
    if any(h[TRAFIK] for h in per_word.values()) and any(w.startswith(EVENTS) for w in ws):  # the event is the traffic's reason
        for i, h in per_word.items():
            if ws[i].startswith(EVENTS):
                h.pop(KULTUR, None)
    if any(h[TRAFIK] or h[MILJO] for h in per_word.values()):
        for i, h in per_word.items():
            if ws[i].startswith(CONSTRUCTION) and not ws[i].startswith(PERMITS):
                h.pop(BYGGA, None)
    first = +per_word.get(0, Counter())
    rest = +sum((h for i, h in per_word.items() if i), Counter())
    if SUBJECT_DEMOTED and rest and _ACTOR.search(ws[0]) and ws[1:2] != ["av"] and set(first) - set(rest):
        return rest
    return rest + first


def _names_cooperation(title: str | None) -> bool:
    """Whether a title names cooperation between municipalities (a cooperation word or a joint body)."""
    return bool(title and (COOPERATION.search(title) or JOINT_BODIES.search(title)))


def _reports_a_vote(ws: list[str]) -> bool:
    """Whether the words report a vote on a decision ("röstades ned", "röstade emot"), not a poll ("röstade fram")."""
    if VOTED.isdisjoint(ws):
        return False  # most texts: no word of it to look at
    return any(w in VOTED and ws[i + 1:i + 2] != [POLL] for i, w in enumerate(ws))


# A job advertisement (docs/topics.md, "Recruiting": "a job advertisement or a drive addressed to job seekers is
# näringsliv och arbete only, even when the jobs are in care or school; the service's topic is added only when
# the article also reports what the hiring changes for the service's users"): in a sentence that seeks holders of
# a post, the post and the school it names after "söker" ("söker två lärare i matematik och NO till
# Withalaskolan") are the job's; the same title's or lead's news of the school itself ("utökar Komvux och söker fem
# nya lärare", "Till hösten öppnar den nya förskolan", "söker förskollärare till nya Kolsva förskola") stays school news.
# The region's health centre (vårdcentral) is not the municipality's care (docs/topics.md, vård och omsorg: "the
# region's hospitals unless the municipality's care is part of the news"): it gives vård och omsorg only when the
# text names the municipality's own care beside it ("kommunens hemsjukvård flyttar in i samma hus").
REGION_CARE, MUNICIPAL = ("vårdcentral",), frozenset({"kommunens", "kommunala", "kommunal"})


def _names_municipal_care(ws: list[str]) -> bool:
    """Whether the words name the municipality's care: "kommunens" before a word of care ("kommunens hemsjukvård")."""
    return any(w in MUNICIPAL and any(VARD in _topics_of_word(v) for v in ws[i + 1:i + 3]) for i, w in enumerate(ws))


def _advertised(ws: list[str]) -> bool:
    """Whether a title advertises posts ("Brandmän sökes i Hjo och Töreboda"): a job advertisement whatever the
    post (docs/topics.md, "Recruiting": firefighters are jobs), not volunteers or families ("Familjehem sökes")."""
    return ADVERTISED in ws and not any(w.startswith(VOLUNTEERS) for w in ws)


# ... and a title that opens with the post its lead seeks ("Lärare till skolorna på Gotland" over "Region Gotland
# söker lärare i svenska ...", "Sommarvikarier till äldreomsorgen" over "söker sommarvikarier") is the advertisement's
# headline: the school or care it names is where the job is.


def _the_job(ws: list[str]) -> list[str]:
    """The words after "söker" that name the job: the post, its subjects and where it is, up to a new school or
    home it is for ("söker förskollärare till nya Kolsva förskola": the new preschool is news for its users)."""
    job = ws[ws.index(SEEKS) + 1:]
    return next((job[:j] for j in range(1, len(job)) if job[j] in NEW and job[j - 1] in TOWARDS), job)


def _seeks_staff(ws: list[str]) -> bool:
    """Whether a title seeks holders of a post ("söker förskollärare", "söker semestervikarier"), not volunteers."""
    return any(w == SEEKS and (post := [v for v in ws[i + 1:i + 4] if v not in NEW | COUNTS][:1])
               and post[0].endswith(POSTS) for i, w in enumerate(ws)) \
        and not any(w.startswith(VOLUNTEERS) for w in ws)


# A headline that builds a service's building ("Västerås stad bygger två nya äldreboenden", "har beslutat
# att bygga en ny idrottshall") with a body that gives the cost in millions reports a building project:
# bygga och bo as well as the service (docs/topics.md: bygga och bo "when the building project is the
# news"; the labelled notes: "its cost, procurement and opening years"). Not a building refused ("Nej till
# ny sporthall": the decision is the news).
FACILITY_SPAN, REFUSED, FACILITY_TOPICS, COST = 3, "nej", frozenset({SKOLA, VARD, KULTUR}), "miljoner"
# Pitches, tracks and parks are grounds, not buildings: "Väsby bygger nya fotbollsplaner" is the pitches' news.
GROUNDS = ("plan", "planer", "planerna", "planen", "bana", "banan", "banor", "park", "parken", "parker")
PASSIVE = ("byggs", "byggas")  # "Arbogas nya förskola vid Villagatan byggs för 120 barn"


def _builds_a_facility(ws: list[str]) -> bool:
    """Whether a headline builds a service's building: building work followed, within FACILITY_SPAN words,
    by a school, a care home or a sports hall ("bygger två nya äldreboenden", "att bygga en ny förskola",
    "bygger ut äldreboendet"), or in the passive preceded by one that is no place ("nya förskola vid
    Villagatan byggs", not "kök i skolan ... byggs"), not
    by a date ("byggs under sommarlovet") nor set up ("bygga upp"), and not a pitch or a park (no building)."""
    hits = _word_hits(ws)

    def near(i: int) -> range:  # the words after the building work, and before it in the passive
        return range(max(0, i - FACILITY_SPAN) if ws[i].endswith(PASSIVE) else i + 1, min(len(ws), i + 1 + FACILITY_SPAN))

    return any(w.startswith(CONSTRUCTION) and not w.startswith(PERMITS) and ws[i + 1:i + 2] != ["upp"]
               and any(set(hits.get(j, ())) & FACILITY_TOPICS and not ws[j].endswith(GROUNDS)
                       and not (j < i and j and ws[j - 1] in IN_AREA | PLACE_OR_TIME) for j in near(i) if j != i)
               for i, w in enumerate(ws))


def _recruits(ws: list[str]) -> bool:
    """Whether a title and lead recruit staff ("sökes", "rekryterar", "söker ny socialchef", "Bli lärare"), not volunteers."""
    return ((ws[:1] == [CALL_TO] and ws[1:2] != [] and ws[1].endswith(POSTS))
            or any(w.startswith(JOB_SIGNS) or w in JOB_WORDS
                   or (w == SEEKS and ws[i + 1:i + 2] and ws[i + 1] in NEW and ws[i + 2:i + 3] and ws[i + 2].endswith(POSTS))
                   for i, w in enumerate(ws))
            ) and not any(w.startswith(VOLUNTEERS) for w in ws)


def _inspects(ws: list[str]) -> bool:
    """Whether a title and lead report an inspection by the environment office (its actor counts here)."""
    return any(w.startswith(INSPECTS) for w in ws) and any(MILJO in _topics_of_word(w) for w in ws)


def _names_care_home(ws: list[str]) -> bool:
    """Whether a title and lead name a care home ("ett nytt gruppboende enligt LSS", "särskilda boendet",
    "bostad med särskild service")."""
    return any(w.startswith(CARE_HOMES) or (w.startswith(("boend", "servic")) and i and ws[i - 1].startswith("särskil"))
               for i, w in enumerate(ws)) or _a_home_for_a_care_need(ws)


# "Ett boende" as a place ("öppnar ett boende", "boendet har tio lägenheter"), not "de boende" (residents),
# is a care home when the headline names the need it meets ("för unga vuxna med psykisk ohälsa").
A_HOME, HOME_ARTICLES = ("boendet", "boenden"), frozenset({"ett", "nytt", "eget", "nya"})


def _a_home_for_a_care_need(ws: list[str]) -> bool:
    home = any(w in A_HOME or (w == "boende" and i and ws[i - 1] in HOME_ARTICLES) for i, w in enumerate(ws))
    return home and any(VARD in _topics_of_word(w) for w in ws if not w.startswith("boend"))


# A safer route to school (docs/topics.md, skola och förskola: "Safer routes to school (tryggare skolvägar)
# are trafik, and skola only when the school itself is the news too"): a title whose school ends a route
# ("Säkrare väg till skolan i Sätofta", "Säkrare väg till Malmaskolan") makes the pupils its body names the
# road's users, not school news.
def _route_to(ws: list[str]) -> bool:
    """Whether a title names a route to somewhere ("väg till skolan")."""
    return any(w in ROUTES and ws[i + 1:i + 2] and ws[i + 1] in TOWARDS for i, w in enumerate(ws))


# A job advertisement (docs/topics.md, "Recruiting": "A job advertisement or a drive addressed to job
# seekers is näringsliv och arbete only, even when the jobs are in care or school; the service's topic is
# added only when the article also reports what the hiring changes for the service's users"): a title that
# seeks staff ("Vi söker lärare till Arboga", "Fritidshemmen i Trelleborg söker personal", "Lärare till
# Rättviks skolor" over "söker lärare") gives no school or care, whatever its body says of the workplace,
# but a new school or home it is for ("söker förskollärare till nya Kolsva förskola") is news for its users.
def _for_a_new_place(ws: list[str]) -> bool:
    """Whether the words seek staff for a new place ("till nya Kolsva förskola", "till ett nytt boende")."""
    return any(w in TOWARDS and set(ws[i + 1:i + 3]) & (NEW | {"nytt"}) for i, w in enumerate(ws))


def by_rules(title: str | None, lead: str | None, body: str | None) -> list[str]:
    """The article's topics by the rules, samverkan first when it applies, then at most MAX_OTHER_TOPICS others, best
    first. The title or the lead must name a topic (on the labelled set a topic found only in the
    body was a passing mention far more often than the news); it is scored by its hits in the title
    and lead, by the body paragraphs that report on it, and, when the lead names it, by the body
    mentioning it again (a lead's "satsningar på äldreomsorgen och skolan" that the body takes up)."""
    text = "\n".join(filter(None, [title, lead, body]))
    title_ws, lead_ws = words(title), words(lead)
    # Each paragraph's words once: a word never spans lines, so the body's words are its paragraphs'
    # and the text's are the title's, the lead's and the body's.
    paragraphs = [words(paragraph) for paragraph in (body or "").split("\n\n")]
    body_ws = [w for ws in paragraphs for w in ws]
    text_ws = title_ws + lead_ws + body_ws
    care_home = _names_care_home(title_ws + lead_ws)
    ranks_coverage = any(w.startswith(RANKED) for w in title_ws + lead_ws)
    lake = any(WATER_WORD in w and MILJO in _topics_of_word(w) for w in title_ws + lead_ws)
    rebuilt = any(w.startswith(CONSTRUCTION) and not w.startswith(PERMITS) for w in title_ws + lead_ws)
    places = frozenset(w for i, w in enumerate(title_ws) if _on_a_place(title_ws, i))
    in_title, in_lead = (_headline_hits(title_ws, care_home, ranks_coverage, lake),
                         _headline_hits(lead_ws, care_home, ranks_coverage, lake, places))
    if rebuilt:  # "Väsby centrum får nytt torg" / "Väsby torg byggs om": a square rebuilt is bygga och bo
        for ws, hits in ((title_ws, in_title), (lead_ws, in_lead)):
            hits[BYGGA] += sum(w in SQUARES and not set(ws[max(0, i - 2):i]) & (PLACE_OR_TIME | IN_AREA)
                               for i, w in enumerate(ws))
    if lead_ws[1:2] == ["av"]:  # "Bygget av en ny idrottshall ...": the lead opens with the news
        in_lead.update({t: TITLE_WEIGHT - 1 for t in _word_hits(lead_ws[:1]).get(0, ())})
    sought = {w for sentence in SENTENCE_END.split(lead or "") if SEEKS in lead_ws and _seeks_staff(ws := words(sentence))
              for w in _the_job(ws)[:3] if w.endswith(POSTS)}
    headed = title_ws[:1] != [] and title_ws[0] in sought  # "Lärare till skolorna på Gotland" over "söker lärare ..."
    seeks_staff = _seeks_staff(title_ws) or _advertised(title_ws) or headed
    if seeks_staff or _recruits(title_ws + lead_ws):
        for hits in (in_title, in_lead):  # the care staff it recruits or trains work there: the job is the news
            hits[NARINGSLIV] += hits.pop(VARD, 0)
    for text_, hits in ((title, in_title), (lead, in_lead)):  # a job advertisement: the post and where it is (_seeks_staff)
        for sentence in SENTENCE_END.split(text_ or "") if SEEKS in title_ws + lead_ws else ():
            ws = words(sentence)
            if _seeks_staff(ws) or (headed and hits is in_title):
                job = sum(_word_hits(ws if headed and hits is in_title else _the_job(ws)).values(), Counter())
                moved = Counter({t: min(job[t], hits[t]) for t in (SKOLA, VARD)})
                hits.subtract(moved)
                hits[NARINGSLIV] += moved.total()
                hits += Counter()  # no topic left at nought (the budget rule reads the lead's topics)
    if _inspects(title_ws + lead_ws):
        for hits in (in_title, in_lead):  # the premises inspected: miljö- och hälsoskydd is the news
            hits[MILJO] += hits.pop(NARINGSLIV, 0) + hits.pop(SKOLA, 0)
    if any(w.startswith(REGION_CARE) for w in title_ws + lead_ws) and not _names_municipal_care(text_ws):
        for ws, hits in ((title_ws, in_title), (lead_ws, in_lead)):  # the region's health centre alone
            hits.subtract({VARD: min(hits[VARD], sum(VARD in h for i, h in _word_hits(ws).items()
                                                     if ws[i].startswith(REGION_CARE)))})
            hits += Counter()  # no topic left at nought
    head = Counter({t: TITLE_WEIGHT * in_title[t] + LEAD_WEIGHT * in_lead[t] for t in in_title | in_lead})
    if not +in_title and lead and not _names_cooperation(title):  # a teaser: the lead's news is its first sentence
        first = words(SENTENCE_END.split(lead, maxsplit=1)[0])
        head.update({t: (TEASER_LEAD_WEIGHT - LEAD_WEIGHT) * n
                     for t, n in _headline_hits(first, care_home, ranks_coverage, lake).items()})
    agenda = any(w.startswith(AGENDA) for w in title_ws + lead_ws)
    reported: Counter[str] = Counter()
    in_body: Counter[str] = Counter()
    items: Counter[str] = Counter()
    for paragraph_ws in paragraphs:
        hits = _hits(paragraph_ws, care_home)
        in_body.update(hits)
        reported.update(t for t, n in hits.items() if n >= PARAGRAPH_HITS)
        if agenda and hits and (item := hits.most_common(1)[0])[1] >= PARAGRAPH_HITS:
            items[item[0]] += 1
    score = {t: head[t] + reported[t] + (TAKEN_UP if in_lead[t] and in_body[t] >= BODY_AGAIN else 0)
             + MIN_SCORE * items[t] for t in _PREFIXES if head[t] or items[t]}
    if any(w.startswith(BUDGET) for w in title_ws + lead_ws):
        for t in in_lead:  # a budget's areas the lead names are its news ("satsningar på äldreomsorgen och skolan")
            score[t] = max(score.get(t, 0), MIN_SCORE)
    if not in_title[SKOLA] and any(w.startswith(LEISURE_SCHOOLS) for w in title_ws):
        score.pop(SKOLA, None)  # the pupils and teachers of kulturskolan are its own
    if _builds_a_facility(title_ws + lead_ws) and COST in body_ws and REFUSED not in title_ws + lead_ws:
        score[BYGGA] = max(score.get(BYGGA, 0), MIN_SCORE)
    if seeks_staff:
        score[NARINGSLIV] = max(score.get(NARINGSLIV, 0), MIN_SCORE)
    if _reports_a_vote(text_ws):
        score[POLITIK] = max(score.get(POLITIK, 0), MIN_SCORE)
    if _route_to(title_ws):
        score.pop(SKOLA, None)  # the school is where the route goes: its pupils are the road's users (trafik)
    if seeks_staff and not _for_a_new_place(title_ws + lead_ws):
        for t in (SKOLA, VARD):  # the advertisement's school or care is where the job is, not the service's news
            score.pop(t, None)
    if any(w.startswith(SCHOOL_RUNS) for w in title_ws):
        for t in (TRAFIK, BYGGA, NARINGSLIV):  # the school run's buses, timetables, operator and procurement are its own
            score.pop(t, None)
    ranked = sorted((t for t in score if score[t] >= MIN_SCORE), key=lambda t: -score[t])
    topics = [SAMVERKAN] if is_samverkan(text, "\n".join(filter(None, [title, lead]))) else []
    if ranked:
        best = score[ranked[0]]
        topics += [t for t in ranked if score[t] >= RELATIVE * best][:MAX_OTHER_TOPICS]
    return topics


def classify(title: str | None, lead: str | None, body: str | None) -> list[str]:
    """The article's topics as the product gives them: samverkan by the rules alone, each other topic
    by the rules or the trained model (archive/topic_model.py), at most three besides samverkan."""
    return combine(by_rules(title, lead, body), margins(title, lead, body))
