"""samverkan, cooperation between municipalities: the topic journalists follow most.

It is given when an article names a joint body that shows it is joint (a gemensam nämnd, Västra
Mälardalens överförmyndarnämnd, a kommunalförbund, ...; a räddningsförbund or myndighetsförbund where a
paragraph names its members), or uses a cooperation word (samverkan, samarbete, gemensam/gemensamt,
tillsammans, samordnar, varandra, an agreement with or between, överens, delar på, ägs av, köper ... av
or från, säljer ... till; not in a sentence that compares municipalities) in a paragraph, or in the
title and lead read together, that names the cooperating municipalities:
two or more by name, as "kommunerna", "grannkommunerna", "Hälsingekommunerna", or one "med X kommun"
in an article about another. In the body the cooperation word and those municipalities share a sentence
("Företaget har inlett ett samarbete med Köpings gymnasieskola" beside "arbetsgivare i Västra Mälardalen" is a
company's), and a partner that is no municipality with its place ("tillsammans med tolv företag i Lidköping och
Götene") names no cooperating municipality. A company "som ägs av de tre kommunerna" is joint, and so is a förbund
by its own name that serves "de sex kommunerna" or its "medlemskommuner"; a joint body named as
where someone worked before or will work ("kommer närmast från ... kommunalförbund", "ska börja arbeta på ...") or sits ("ledamot i direktionen
för ...") is a career or a seat, not the news; one named as a company's partner ("samarbetar med ...
kommunalförbund" with no municipality in the sentence) is the company's partnership; and a cooperation
word denied ("har inte samordnat") reports no joint matter; two committees of one municipality merged into "en
gemensam omsorgsnämnd" are its own organisation.

The municipalities are any of Sweden's 290, as archive/municipality_mentions.py reads them.
A school working with a football club is "samarbete", but names no second municipality; "Köpings
kommun samarbetar med polisen" names one, even if Arboga is named further down; a company that
"samarbetar med arbetsförmedlingen" in an article that names Köping and Västra Mälardalen elsewhere
is a company's partnership: none of them is samverkan. A municipality named only as the place of
an actor that is no municipality does not count ("Polisen i Västerås", "Region Uppsala", "Umeå
universitet": docs/topics.md, "a passing mention"); nor does a name that is part of a longer name
("Teknikcollege Västra Mälardalen", "Maria Berg", "Mora IK"); and a company such as VafabMiljö
counts only when the text says the work is joint, or that municipalities own it.
"""

from __future__ import annotations

import re

from archive.municipality_mentions import A_NAME, MUNICIPALITIES, municipalities

SAMVERKAN = "samverkan"
# A joint body shows that it is joint (docs/topics.md): by "gemensam", by the region's name, or by
# being a förbund of municipalities; "Överförmyndarnämnden söker gode män" alone may be one
# municipality's committee.
JOINT_BODIES = re.compile(
    r"gemensamm?a? (?:\w*nämnd|it-enhet|it-avdelning|lönecenter|räddningstjänst)|västra mälardalens \w*nämnd|"
    r"kommunalförbund|västra mälardalens energi|avtalssamverkan|mellankommunal", re.IGNORECASE)
# A rescue or authority förbund named alone ("Mälardalens brand- och räddningsförbund påminner om brandvarnaren")
# is named as the actor without its joint nature shown (docs/topics.md: "samverkan only when the text shows the
# joint body"; "räddningstjänsten's advice on fire safety: none"): it counts where a paragraph names it with its
# members ("ägs av ...", "medlem", "medlemskommunerna", two municipalities or more).
SERVICE_FEDERATION = re.compile(r"räddningsförbund|räddningstjänstförbund|myndighetsförbund", re.IGNORECASE)
MEMBERSHIP = re.compile(r"\bägs\b|\bmedlem", re.IGNORECASE)
# Working together, or an agreement with or between (the paragraph must name the municipalities):
# "samordnar sin skolskjutsplanering", "köper IT-drift av varandra", "avtal med Köpings kommun",
# and the host of a joint body ("Köping är värdkommun"); not "samman", since rankings "väger samman".
# Sharing or buying between municipalities is working together too: "Dorotea och Åsele delar på
# socialchef", "Krokom köper överförmyndarverksamhet av Östersund" (a name follows "av": not "köper
# kläder av en handlare"), within one clause ("köper mark i Hjo och flyttar från Tibro" is a move), and
# selling to one is the same trade ("Södertälje säljer dricksvatten till Nykvarn"); "Kramfors och
# Härnösand går ihop" is "ihop".
# The first "av", "från" or "till" after the trade names the partner: "har köpts av en familj från Västerås" is a
# family's purchase. Coming to an agreement is one too ("Kommunerna har kommit överens om att Uppsala sköter
# rådgivningen åt alla fyra": docs/topics.md, "agreements between municipalities").
COOPERATION = re.compile(r"\b(?:samverk\w*|samarbet\w*|gemensam\w*|tillsammans|samordn\w*|varandra|ihop|"
                         r"värdkommun\w*|avtal\w* (?:med|mellan)|delar på|överens|överenskommelse\w*|"
                         r"(?:(?!köping)köp\w*|sälj\w*|sål[dt]\w*)\b(?:(?! och |\b(?:av|från|till)\b)[^.,\n]){0,60}?\b(?:av|från|till)"
                         r"(?= (?-i:[A-ZÅÄÖ])))\b", re.IGNORECASE)
# A sentence that compares municipalities is about the comparison (docs/topics.md: "comparisons between
# municipalities (rankings, statistics)" are no samverkan), even when it hopes they "lära av varandra".
COMPARISON, SENTENCE_END = re.compile(r"\b(?:jämför|rankning|ranking)", re.IGNORECASE), re.compile(r"(?<=[.!?])\s+")
# A company owned by two or more municipalities is joint: "som ägs av Sundsvall, Timrå och Nordanstig",
# "ägs av Varbergs och Falkenbergs kommuner"; not "ägs av Alingsås" with Vårgårda named after.
JOINTLY_OWNED = re.compile(rf"\bägs (?:gemensamt )?av (?:bland (?:andra|annat) )?{A_NAME}(?:(?:, | och ){A_NAME})+")
# A förbund by its own name that works for the municipalities as a group is a kommunalförbund
# ("Höglandsförbundet, som sköter IT för de sex kommunerna"); "Lärarförbundets rankning av kommuner" is a
# union's, and a union or a federation never serves "medlemskommunerna".
FEDERATION = re.compile(r"\b(?!fack|lärar|vård|idrott|riks|fotboll|pensionär|hyresgäst|handikapp|student|svenska)"
                        r"\w+förbundet\b", re.IGNORECASE)  # unions, sports and national federations are no förbund of municipalities
MEMBERS = re.compile(r"\b(?:de (?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|\d+) kommunerna|medlemskommun\w*|ägarkommun\w*)\b",
                     re.IGNORECASE)
# ... or by the municipalities named as a group: "Västblekinge Miljö, som ägs av de tre kommunerna".
OWNED_BY_GROUP = re.compile(r"\bägs (?:gemensamt )?av (?:de \w+ |sina |våra )?\w*kommuner(?:na)?\b", re.IGNORECASE)
# A joint body named as where someone worked before is their career, not the news ("Ny ekonomichef ...
# kommer närmast från Västra Mälardalens kommunalförbund"; docs/topics.md, "a passing mention").
CAREER = re.compile(r"(?:kommer (?:närmast |senast )?från|har (?:tidigare )?arbetat (?:på|vid|inom|i)|"
                    r"(?:ska|kommer att) (?:börja )?(?:arbeta|jobba) (?:på|vid|inom|i)|"
                    r"tidigare (?:på|vid)|har varit \w+ (?:på|vid|i))\s+(?:\S+\s+){0,3}$", re.IGNORECASE)
# ... and so is a joint body named as someone's seat ("Arbogas ledamot i direktionen för Västra Mälardalens
# kommunalförbund", "ledamot i styrelsen för Fyrbodals kommunalförbund") or a speaker's title: docs/topics.md, "a
# passing mention": "the speaker's title ... when what they say is about another matter".
SEAT = re.compile(r"\b(?:ledamot|ledamöter|ordförande|ersättare|representant)\s+i\s+(?:\S+\s+){0,4}$", re.IGNORECASE)
# A joint body named as the partner of someone who is no municipality ("Företaget ... samarbetar med Västra
# Mälardalens kommunalförbund om en industriutbildning") is that one's partnership: docs/topics.md, "cooperation of
# a municipality with someone who is not another municipality ... a company" is ordinary partnership, and so is a
# company's with a joint body. It counts when the sentence names a municipality beside it.
PARTNER_OF = re.compile(r"\b(?:samarbet|samverk)\w* med\s+(?:\S+\s+){0,3}$", re.IGNORECASE)
# A cooperation word denied ("Kommunerna har inte samordnat sina beslut") reports that the municipalities act
# each on its own: docs/topics.md gives samverkan when the matter is "run, decided or delivered jointly".
DENIED = re.compile(r"\b(?:inte|ej|aldrig)\s+$", re.IGNORECASE)
# Cooperation the body names only by a list of its fields is background to another matter ("har ett nära
# samarbete med grannkommunerna inom bland annat IT, lön och räddningstjänst" in a job advert; docs/
# topics.md: a joint body "named in a list of examples while the article is about something else").
EXAMPLES_OF_COOPERATION = re.compile(r"\b(?:samverk|samarbet)\w*[^.\n]{0,60}?\binom (?:bland annat|till exempel|t\.ex\.)",
                                     re.IGNORECASE)
# Municipalities named as the place of a partner that is no municipality are places, not parties: "tagits fram
# tillsammans med tolv företag i Lidköping och Götene" is a school's work with companies (docs/topics.md:
# "cooperation of a municipality with someone who is not another municipality ... a company ... is ordinary
# partnership"), so the partner and its place are read past when the cooperating municipalities are counted.
PARTNER_AND_PLACE = re.compile(r"\b(?:samarbet\w*|samverk\w*|tillsammans) med (?:(?-i:[a-zåäö\d])\S* ){0,2}"
                               r"(?:företag|näringsliv|industri|förening|organisation|polis|universitet|högskol|region)\w*"
                               r"(?: (?:i|från) (?-i:[A-ZÅÄÖ])\w*(?:(?:, | och )(?-i:[A-ZÅÄÖ])\w*)*)?", re.IGNORECASE)
# Two committees of one municipality merged into "en gemensam omsorgsnämnd" ("socialnämnden och äldrenämnden blir en
# gemensam omsorgsnämnd") is a new committee organisation: docs/topics.md, "cooperation inside one municipality
# (between its own departments ...)" is no samverkan.
MERGED_COMMITTEES = re.compile(r"\w+nämnden\s+och\s+\w+nämnden\s+(?:blir|slås ihop till|bildar|går ihop till)\s+(?:en\s+)?$",
                               re.IGNORECASE)
# One partner named as a municipality in a text about another: "planeras tillsammans med Götene kommun".
WITH_MUNICIPALITY = re.compile(r"\bmed " + MUNICIPALITIES.pattern + r" kommun\b")
# A group of municipalities named by what joins them: "Hälsingekommunerna", "inlandskommuner",
# "ägarkommunerna" (not "kommunerna" alone, which needs the municipalities named in the text).
GROUPS = re.compile(r"\b\w+kommuner(?:na)?s?\b", re.IGNORECASE)
# Cooperating municipalities named without their names ("grannkommunerna", "de tre kommunerna").
PARTNERS = re.compile(r"\b(?:\w*kommuner(?:na)?s?|grannkommun\w*|medlemskommun\w*)\b", re.IGNORECASE)


def is_samverkan(text: str, headline: str = "") -> bool:
    """A joint body, or a cooperation word in a paragraph of the text, or in its headline (title and
    lead together), that names the cooperating municipalities: two or more, or "kommunerna"; a group
    of municipalities ("Hälsingekommunerna") needs no names."""
    if any(_names_the_joint_body(text, m) for m in JOINT_BODIES.finditer(text)):
        return True
    if OWNED_BY_GROUP.search(text):
        return True
    paragraphs = [headline, *text.split("\n")]
    # A paragraph matches a pattern only if the text and headline together do (each paragraph a line
    # of them): most articles have no cooperation word, and their paragraphs need not be read one by one.
    whole = f"{text}\n{headline}"
    cooperation, service = bool(COOPERATION.search(whole)), bool(SERVICE_FEDERATION.search(whole))
    if FEDERATION.search(whole) and any(FEDERATION.search(s) and MEMBERS.search(s) for s in paragraphs):
        return True
    if service and any(SERVICE_FEDERATION.search(s) and (MEMBERSHIP.search(s) or MEMBERS.search(s)) for s in paragraphs):
        return True
    if cooperation and any(_cooperates(s) and GROUPS.search(s) and (k == 0 or not EXAMPLES_OF_COOPERATION.search(s))
                           for k, s in enumerate(paragraphs)):
        return True
    if any(len(municipalities(m.group(0))) >= 2 for m in JOINTLY_OWNED.finditer(text)):
        return True
    if not (cooperation or service):
        return False  # what follows needs a paragraph with a cooperation word or a förbund
    # The 290 names are looked for once per line: a name never spans a line, so the text's
    # municipalities are its lines' together, and each paragraph reuses its own line's.
    named = [municipalities(line) for line in paragraphs]
    if len(set().union(*named[1:])) < 2:
        return False
    own = named[0]
    return any((_cooperates(s) and (len(names) >= 2 or PARTNERS.search(s) or _with_another_municipality(s, own))
                and (_names_partners(s, own) if k == 0 else not EXAMPLES_OF_COOPERATION.search(s)
                     and any(_cooperates(t) and _names_partners(t, own) for t in SENTENCE_END.split(s))))
               or (len(names) >= 2 and SERVICE_FEDERATION.search(s))
               for k, (s, names) in enumerate(zip(paragraphs, named, strict=True)))


def _names_partners(text: str, own: set[str]) -> bool:
    """Whether a sentence of the body (or the title and lead read together) names the cooperating municipalities
    as parties: two or more, "kommunerna", or "med X kommun" about another; not as a partner's place (see
    PARTNER_AND_PLACE). In the body the cooperation word and its municipalities must share a sentence: "Företaget
    är en av de större arbetsgivarna i Västra Mälardalen. Företaget har inlett ett samarbete med Köpings
    gymnasieskola" is a company's partnership, the region only its place (docs/topics.md: samverkan is "two or more
    municipalities ... doing something together", and "a sentence that says the article's own matter is done
    jointly" counts)."""
    text = PARTNER_AND_PLACE.sub(" ", text)
    return len(municipalities(text)) >= 2 or bool(PARTNERS.search(text)) or _with_another_municipality(text, own)


def _names_the_joint_body(text: str, m: re.Match[str]) -> bool:
    """Whether a joint body is named as itself, not as someone's career or seat, nor as the partner of one
    that is no municipality (see SEAT, PARTNER_OF)."""
    before = text[max(0, m.start() - 60):m.start()]
    if CAREER.search(before) or SEAT.search(before) or MERGED_COMMITTEES.search(before):
        return False
    start = max(text.rfind("\n", 0, m.start()), *(text.rfind(e, 0, m.start()) for e in ".!?")) + 1
    partner = PARTNER_OF.search(text, start, m.start())  # the body's own name ("Västra Mälardalens") is no partner
    return not partner or bool(municipalities(text[start:partner.start()] + text[m.end():].split("\n", 1)[0].split(". ", 1)[0]))


def _cooperates(paragraph: str) -> bool:
    """Whether a paragraph has a cooperation word, not denied, outside a sentence that compares municipalities."""
    if not COOPERATION.search(paragraph):
        return False
    return any(any(not DENIED.search(s[:c.start()]) for c in COOPERATION.finditer(s)) and not COMPARISON.search(s)
               for s in SENTENCE_END.split(paragraph))


def _with_another_municipality(paragraph: str, own: set[str]) -> bool:
    """Whether a paragraph works "med X kommun" where X is not the article's own municipality (the
    one its headline names): "Simhallen i Lidköping planeras tillsammans med Götene kommun" is
    samverkan, "Universitetet startar en utbildning i Köping i samarbete med Köpings kommun" is not."""
    partners = {m.group(1) for m in WITH_MUNICIPALITY.finditer(paragraph)}
    return bool(partners and own - partners)
