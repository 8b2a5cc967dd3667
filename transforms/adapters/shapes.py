"""Pattern pieces the shared rule sets and the agency adapters spell the same way (folded text)."""

from __future__ import annotations

# An outlet's name in Title Case ("The Texas Tribune", "Live Science", "Grist"): notices
# only count as notices when they name something shaped like one.
OUTLET = (
    r"(?:[Tt]he )?[A-Z][\w&'.-]*(?: (?:[A-Z][\w&'.-]*|of|the|and|for|&|de|la|du))"
    r"{0,7}"
)
# A person's name as bylines print it ('Tom Davies', 'John Hugh DeMastri', 'MEG KINNARD').
NAME = r"[A-Z][\w.'-]*(?: (?:[A-Z][\w.'-]*|de|da|van|von|der|del|la|le)){1,3}"
NAMES = rf"{NAME}(?:(?:, | and | & | und | et | y ){NAME}){{0,3}}"
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# Months as German, French and Spanish pages print them (agency bylines sit over these dates).
MONTH_OTHER = (
    r"(?:Januar|Februar|März|Mai|Juni|Juli|Oktober|Dezember|janvier|février|mars|avril|mai|"
    r"juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|"
    r"junio|julio|agosto|septiembre|octubre|noviembre|diciembre)"
)
# A line that is only a date or time, as a byline's neighbour prints it: 'Published May 07,
# 2025', '28.04.2023 | 17:52 Uhr', 'Updated 5:27 am CST, Wednesday, November 20, 2019',
# '5. Januar 2026 18:58 Uhr', '1 day ago', '2019-11-20T10:00:00Z'.
DATE_LINE = (
    r"(?:(?:Published|Updated|Posted|Last updated|Veröffentlicht|Aktualisiert|Stand|Publié|"
    r"Mis à jour|Publicado)(?: on| am| le| el)?:? ?)?"
    r"(?=[^\n]{0,20}(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d\d-\d\d|"
    rf"{MONTH} \d{{1,2}}|\d{{1,2}}\.? (?:{MONTH}|{MONTH_OTHER})|\d{{1,2}}:\d\d|"
    r"\d+ (?:minutes?|hours?|days?|weeks?) ago))"
    r"[^\n]{4,80}"
)
