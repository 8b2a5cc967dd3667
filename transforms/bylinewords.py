"""The word lists behind byline parsing (`bylines.py`), one set for text and HTML alike.

Each list is a pattern compiled once; `bylines.py` says how they are applied.
"""

from __future__ import annotations

import re

# 'By', 'Von', 'Par', 'Door', … with an optional kind of piece before it ('Written by',
# 'Ein Kommentar von'), or a label and a colon ('Text:', 'Autorin:'). 'Byron' keeps its 'By'.
PREFIX = re.compile(
    r"^\s*(?:(?:written|posted|reported|reporting|story|text|words|photos?|video|analysis|"
    r"opinion|commentary|interview|review|column|essay|ein\s+\w+|eine\s+\w+|analyse|"
    r"kommentar|gastbeitrag)\s+)?"
    r"(?:by|von|vom|par|por|door|av|af|przez|od)(?:\s*:\s*|\s+)[-\u2013\u2014]?\s*"
    r"|^\s*(?:text|texte|autor(?:in)?|author|auteur|autore|redaktion|bearbeitung|quelle)\s*:\s*",
    re.IGNORECASE,
)
ITALIAN_PREFIX = re.compile(r"^di\s+")

# Between people: commas, pipes, slashes, bullets, middle dots between spaces (not the
# Catalan 'l·l'), '&', 'and' in the languages bylines come in
# (lowercase, so the initial in 'Sarah E. Needleman' stays), CJK list marks, and a full stop
# after a word ('Finian Cunningham. Sputnik International') but not after an initial.
SEPARATOR = re.compile(
    r"\s*(?:[,;&+|/\u2022\u3001\u30fb\uff0c]|\s[-\u2013\u2014\u00b7\u22c5]\s|(?<=[^\W\d_]{3})\.\s|"
    r"\b(?:and|und|et|y|e|og|och|en|oraz|sowie|with|mit|AND|UND|And|Und)\b)\s*"
)
# Where an affiliation may start: after a comma or a pipe ('Jane Doe | The Center Square').
AFFILIATION_MARK = frozenset({",", "|", "\uff0c"})

# Job titles, in the languages bylines come in, with the modifiers they take.
_ROLE = (
    # 'Senior Autos Reporter': a seniority may qualify a beat before the role.
    r"(?:(?:senior|chief|lead)\s+[^\W\d_]+\s+(?=\S+\s*$))?"
    r"(?:(?:senior|junior|chief|staff|contributing|special|foreign|political|content|marketing|"
    r"managing|executive|associate|assistant|deputy|creative|product|communications|sales|"
    r"technical|principal|software|data|registered|"
    r"freie[rn]?|leitende[rn]?|stellvertretende[rn]?|"
    # The beat a role covers, set after the name without a comma when the name and the
    # role stand in elements of their own ('Jane Doe Lifestyle Writer').
    r"sports?|politics|business|health|tech|technology|science|lifestyle|travel|food|"
    r"fashion|beauty|entertainment|culture|arts|music|film|money|finance|education|crime|"
    r"environment|climate|weather|features?|news|opinion|consumer|property|motoring|"
    r"showbiz|world|national|regional|local|investigative|commerce|deals|shopping|"
    r"gaming|games|autos?|parenting|wellness|fitness|energy|markets|economics|economy|"
    r"breaking|trending|video|social|audience|seo|homepage|weekend|night|digital|"
    r"photo|graphics|visual|multimedia)\s+){0,2}"
    r"(?:writer|reporter|correspondent|editor|columnist|contributor|photographer|"
    r"director|coordinator|manager|specialist|strategist|consultant|co-?founder|founder|"
    # Job titles of the experts guides and company blogs credit ('Senior QA Engineer').
    r"engineer|developer|designer|scientist|researcher|architect|officer|advis[eo]r|"
    r"affiliate|dietitian|nutritionist|attorney|lawyer|professor|copywriter|marketer|"
    r"ceo|cto|cfo|coo|"
    r"journalist|journaliste|autor|autorin|redakteur|redakteurin|korrespondent|"
    r"korrespondentin|chefredakteur|chefredakteurin|mitarbeiter|mitarbeiterin|"
    r"volont\u00e4r|volont\u00e4rin|reporterin|fotograf|fotografin|redactor|redactora|"
    r"corresponsal|periodista|giornalista|inviato|envoy\u00e9e?\s+sp\u00e9ciale?|"
    r"analyst|host|producer|intern|fellow|reviewer|vorsitzende[r]?|sprecher|sprecherin|"
    r"pr\u00e4sident|pr\u00e4sidentin|minister|ministerin|chairman|president|spokesman|"
    r"spokeswoman|spokesperson|\u8a18\u8005|\uae30\uc790|\ud2b9\ud30c\uc6d0)s?"
)
# Words opening a job title, never a name ('Senior QA Engineer', 'Chief Product Officer').
SENIORITY = re.compile(
    r"senior|junior|chief|principal|deputy|associate|assistant|former", re.IGNORECASE
)
# A role after the name ('Jane Doe, Staff Writer', 'Jake Smith Contributor') and all after it.
TRAILING_ROLE = re.compile(rf"(?:\s*[,|-]\s*|\s+){_ROLE}(?:\s+.*)?$", re.IGNORECASE)
ROLE_WORD = re.compile(rf"(?:^|\s){_ROLE}(?:\s|$)", re.IGNORECASE)
# A role, or the modifier a trailing role leaves behind ('Staff' of 'Staff Writer').
ROLE_ONLY = re.compile(
    rf"{_ROLE}|staff|senior|chief|contributing|special|foreign|political", re.IGNORECASE
)

# Words that make a byline part an outlet, desk, agency or institution rather than a
# person, in the languages bylines come in, and the syndicators the adapters know.
ORGANISATION = re.compile(
    r"\b(?:staff|team|desk|newsroom|editors?|editorial|redaktion|redaktionen|r\u00e9daction|"
    r"redacci\u00f3n|redazione|redakcja|redakce|redaksjonen|agency|agentur|agence|agencia|"
    r"agenzia|press|presse|prensa|news|nachrichten|online|zeitung|journal|times|tribune|"
    r"post|daily|weekly|report|media|medien|magazine|magazin|digital|tv|radio|network|"
    r"associated|reuters|afp|ap|dpa|xinhua|tass|bloomberg|service|wire|group|gruppe|"
    r"dcnf|conversation|propublica|grist|stateline|calmatters|today|square|"
    r"institute|institut|foundation|stiftung|university|universit\u00e4t|school|college|"
    r"center|centre|health|office|department|ministry|police|polizei|council|society|"
    r"company|inc|ltd|gmbh|llc|"
    r"sponsored|advertorial|anzeige|partner|guest|gast|admin|administrator|webmaster|"
    r"unknown|anonymous|correspondents|reporters|twitter|facebook|instagram|linkedin|"
    r"whatsapp|telegram|youtube|tiktok|email|e-mail|print|share|follow|subscribe|login|"
    r"logout|newsletter|podcast|latest|posts|articles|stories|business|international|"
    r"reda\u00e7\u00e3o|assessoria|coordenadoria|secretaria|departamento|prefeitura)\b"
    # German compounds: 'Nachrichtenagentur', 'Sportredaktion', 'Lokalzeitung'.
    r"|\w(?:agentur|redaktion|zeitung|nachrichten|dienst|verlag)\b",
    re.IGNORECASE,
)
# Words of a site's interface that widgets put beside bylines ('Full Bio', 'Read More',
# 'More By This Author', 'Contact Me', 'Stay Connected', 'View Profile', 'No Comments',
# 'Fact Checked', 'Blog Categories', 'Follow on Bluesky', 'Save Article', 'Read Later',
# 'About Us', 'More Posts by This Author'): no name holds them.
INTERFACE = re.compile(
    r"\b(?:bio|biography|contact|connected|view|profile|homepage|more|mehr|plus|comments?|"
    r"checked|trending|categor(?:y|ies)|share|subscribe|newsletter|bluesky|linkedin|facebook|"
    r"instagram|twitter|save|later|about|this|author|authors)\b",
    re.IGNORECASE,
)
# A credit to the site's own staff rather than to people ('Podium Staff', 'The Upwork Team',
# 'Newsdesk', 'The Currency editors'): named where a byline names nobody.
HOUSE_CREDIT = re.compile(
    r"\b(?:staff|team|editors|newsdesk|newsroom|redaktion|editorial\s+(?:board|team))\b"
    r"|^(?:news\s*desk|staff)$",
    re.IGNORECASE,
)
# Beside a house credit, words that make the piece an interface label ('Meet the Team').
NOT_HOUSE_CREDIT = re.compile(
    r"\b(?:meet|join|our|your|about|contact|careers?|all)\b", re.IGNORECASE
)

# 'The Water Coolest', 'Die Redaktion': an article opens the name of a thing, not a person.
LEADING_ARTICLE = re.compile(r"^(?:the|der|die|das|les|los|las|het|il)\s", re.IGNORECASE)

# A date glued to the byline, dropped before it is split (its comma would split it):
# 'By: Associated Press June 14, 2022', 'By: Jane Roe - March 3, 2024', '2024-03-15',
# 'Jane Roe 4 August 2010', and a blog's 'Posted by Jane Roe on March 3, 2024' or '… at
# 11:15 AM' (the preposition goes with the date: left on the name, it is no name). The
# preposition is a whole word ('On' and 'At' in any case, the French 'le' lower-case only):
# 'Jane Simon' and 'Anna Le' keep their names.
DATE_TAIL = re.compile(
    r"\s*[-\u2013\u2014,]?\s*(?:(?<!\S)(?-i:[Oo]n|ON|[Aa]t|AT|le)\s+)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? "
    r"\d{1,2},? \d{4}|\d{4}-\d{2}-\d{2}|(?<=\bat )\d{1,2}:\d{2}\b|"
    r"\d{1,2}\.? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{4}).*$",
    re.IGNORECASE,
)
# A date line or a reading time glued to a name ('Jeff Foust Monday, November 18', 'Jane
# Doe Updated …', 'Jane Doe 3 min read').
DATE_WORD_TAIL = re.compile(
    r"\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|"
    r"mittwoch|donnerstag|freitag|samstag|sonntag|(?:last\s+)?updated|published|posted|aktualisiert|"
    r"ver\u00f6ffentlicht|stand|\d+\s*(?:min|minutes?)\.?\s+read)\b.*$",
    re.IGNORECASE,
)
# Where a correspondent files from: 'Anna Schmidt in Berlin', 'Jean Dupont à Paris'.
PLACE_TAIL = re.compile(r"\s+(?:in|aus|from|\u00e0|em)\s+\S.*$")
PARENTHESES = re.compile(r"\s*[(\[][^)\]]*[)\]]")

# Lowercase particles inside names ('Ana de la Cruz', 'Ludwig van Beethoven').
PARTICLES = frozenset(
    {"de", "da", "das", "do", "dos", "di", "del", "della", "der", "den", "van", "von", "vom"}
    | {"zu", "zur", "la", "le", "les", "du", "bin", "ibn", "al", "el", "ter", "ten", "y", "e"}
)
# Not a name: a web address, an e-mail, a number.
DOMAIN = re.compile(r"\.[a-z]{2,6}$|https?:|www\.|@|\d", re.IGNORECASE)
LETTERS = re.compile(r"^[^\W\d_](?:[^\W\d_]|[.'\u2019\u2010-])*\.?$")
