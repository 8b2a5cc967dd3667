"""Chrome every site carries, recognised by its shape: copyright lines, headline rails,
newsletter, donation and comment widgets, read-more links and feed-reader residue.

`rulesets.py` composes these with the older shared rules; every RuleAdapter runs them after its
own. Each rule matches a whole line (or, for text rules, a heading and the bulleted run under
it), so a sentence that merely mentions "copyright" or "newsletter" stays. Wordings are the
labels sites print (catalogue §1.23 and §1.24; the CNN and Tribune copyright forms as public
cleaners strip them), matched loosely where only the shape is known.
"""

from __future__ import annotations

from newsnorm.transforms.adapters.shapes import OUTLET
from newsnorm.transforms.rules import Rule

# A whole-page dump lists links as bullets ('* ', '+ ', 'o ' in inscriptis, '• ' elsewhere).
BULLET = r"(?:[*+\u2022\u00b7o-] )?"
YEAR = r"(?:19|20)\d\d(?:-(?:19|20)?\d\d)?"

COPYRIGHT: tuple[Rule, ...] = (
    # '© 2019 Hearst Communications, Inc.', '©2019 Hearst', 'Copyright 2023 The Associated
    # Press. All rights reserved. …', '™ & © 2023 Cable News Network, Inc., …': a year after the
    # sign or the word, perhaps a short owner or trademark before it.
    Rule(
        "copyright-line",
        "copyright_notice",
        # A possessive run up to the sign: a line without one fails at once.
        rf"{BULLET}(?:[^©\n]{{0,60}}+(?=©))?(?:©|\(c\)|Copyright|COPYRIGHT)"
        rf"(?: ?(?:©|\(c\)))? ?{YEAR}\b[^\n]{{0,280}}",
    ),
    # '© ScienceAlert Pty Ltd. All rights reserved.', 'Copyright © Example News, all rights
    # reserved'; 'Hearst Newspapers © Copyright Hearst Newspapers, LLC'.
    Rule(
        "copyright-reserved",
        "copyright_notice",
        rf"{BULLET}(?:[^©\n]{{0,80}}+(?=©))?(?:©|Copyright)[^\n]{{0,160}}?[Aa]ll [Rr]ights "
        r"[Rr]eserved\.?[^\n]{0,200}|"
        rf"{BULLET}[^©\n]{{0,60}}+© Copyright [^\n]{{2,120}}",
    ),
    Rule("rights-reserved", "copyright_notice", r"[Aa]ll [Rr]ights [Rr]eserved\.?"),
    # The wire's redistribution line under a copy (AP's, as public cleaners strip it).
    Rule(
        "redistribution",
        "copyright_notice",
        r"This material may not be published, broadcast, rewritten,? or redistributed\.?"
        r"(?: [^\n]{0,200})?",
    ),
    # Footer links about copyright: 'Copyright and Reprint', 'Reprints & Permissions'.
    Rule(
        "copyright-link",
        "site_footer",
        rf"{BULLET}(?:Copyright (?:and|&) Reprints?|Reprints? (?:and|&) Permissions|"
        r"Copyright (?:Policy|Notice|Information))",
        ignore_case=True,
    ),
)

# The legal and site links of a footer, alone on a line or several joined by separators
# ('Privacy Policy | Terms of Use'): labels no story line is made of.
_FOOTER_LINK = (
    r"(?:Privacy (?:Policy|Notice|Statement|Settings|Center)|Terms of (?:Use|Service)|"
    r"Terms (?:and|&) Conditions|Cookie (?:Policy|Settings|Preferences|Notice)|"
    r"Do Not Sell(?: or Share)? My Personal Information|Your Privacy Choices|"
    r"Accessibility (?:Statement|Help)|Site ?map|Contact Us|About Us|Advertise [Ww]ith Us)"
)
FOOTER_LINKS: tuple[Rule, ...] = (
    Rule(
        "footer-links",
        "site_footer",
        rf"{BULLET}{_FOOTER_LINK}(?:[ \t]*[|\u00b7\u2022][ \t]*{_FOOTER_LINK})*[ \t]*",
        ignore_case=True,
    ),
)

# Headings over rails of other stories' headlines ('Most Read', 'More From CNN', 'Also popular
# on WSJ.com:'): chrome wherever they stand, as whole lines.
_RAIL_HEADING = (
    r"(?:Most (?:Read|Popular|Viewed|Shared|Commented|Recent)"
    r"(?: (?:Stories|Articles|News|Posts|Now|This Week|Today))?|"
    r"Trending(?: (?:Now|Stories|Articles|News|Today|Topics|Videos?))?|"
    r"See [Aa]lso|Also (?:[Pp]opular|[Rr]ead) on [\w.-]+|"
    r"Related (?:Stories|Articles|Posts|Coverage|Content|News|Reading|Links|Videos?)|"
    r"Recommended(?: (?:for [Yy]ou|Stories|Articles|Reading|Videos?))?|"
    r"You (?:[Mm]ay|[Mm]ight) (?:[Aa]lso )?(?:[Ll]ike|[Ee]njoy)|Read [Nn]ext|Up [Nn]ext|"
    r"What to [Rr]ead [Nn]ext|Editor'?s'? (?:Picks|Choice)|Don'?t [Mm]iss|"
    r"In [Cc]ase [Yy]ou [Mm]issed [Ii]t|Popular (?:Stories|Posts|Articles|Now|Today)|"
    r"Latest (?:News|Stories|Articles|Headlines)|Top Stories|More Stories|Other Stories|"
    r"Further Reading|More to Read|More [Nn]ews)"
)
_MORE_FROM = rf"More [Ff]rom {OUTLET}"
_RAIL_ITEM = r"[ \t]*[*+\u2022o-][ \t]+[^\n]{1,300}(?:\n|\Z)(?:[ \t]*\n)*"

RAIL_TEXT_RULES: tuple[Rule, ...] = (
    # The heading and the bulleted headlines under it, cut as one.
    Rule(
        "rail",
        "navigation",
        rf"^[ \t]*(?P<value>{BULLET}(?:{_RAIL_HEADING}|{_MORE_FROM})[ \t]*:?[ \t]*\n"
        rf"(?:[ \t]*\n)*(?:{_RAIL_ITEM})+)",
        ignore_case=False,
        pretest=False,
    ),
)

RAILS: tuple[Rule, ...] = (
    # A heading is short: longer lines fail on the length test before the alternatives.
    Rule(
        "rail-heading",
        "navigation",
        rf"(?=[^\n]{{1,60}}+$){BULLET}(?:{_RAIL_HEADING}|{_MORE_FROM}) ?:?",
        pretest=False,
    ),
    Rule(
        "rail-heading-caps",
        "navigation",
        rf"(?=[^\n]{{1,40}}+$){BULLET}{_RAIL_HEADING} ?:?",
        ignore_case=True,
        pretest=False,
    ),
    # 'See also: <headline>', 'READ ALSO: <headline>', 'MORE: <headline>' on a line of their
    # own: a promo for another article, moved like the inline ones.
    Rule(
        "see-also",
        "related_promo",
        r"(?:See [Aa]lso|SEE ALSO|Also [Rr]ead|ALSO READ|Read [Aa]lso|READ ALSO|RELATED|"
        r"Related|Related [Ss]tory|RELATED STORY|Related [Aa]rticle|RELATED ARTICLE|MORE|"
        r"READ MORE|Read [Mm]ore|WATCH|Watch) ?(?::|>>|»|\|) ?(?P<value>[^\n]{3,250})",
        move_to="related",
        pretest=False,
    ),
)

# Promos glued inside a paragraph: '(RELATED: <headline>)', '(READ MORE: …)', '(WATCH: …)'.
INLINE_PROMOS: tuple[Rule, ...] = (
    Rule(
        "inline-promo",
        "related_promo",
        r"\((?:RELATED|Related|READ MORE|Read [Mm]ore|SEE ALSO|See [Aa]lso|ALSO READ|"
        r"Also [Rr]ead|WATCH|Watch|MORE|RELATED STORY|Related [Ss]tory):\s*"
        r"(?P<value>[^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)",
        move_to="related",
        pretest=False,
    ),
)

WIDGETS: tuple[Rule, ...] = (
    # A label over the byline ('Author of the article:' / 'The Associated Press'); the name
    # under it is the adapters' to move.
    Rule(
        "byline-label",
        "byline_label",
        r"(?:Author of the article|Authors?|Written by|Autor(?:in)?|Auteur|Autore):?",
    ),
    Rule(
        "newsletter-widget",
        "newsletter_promo",
        r"(?:Subscribe to|Sign up for|Get) (?:our|the) (?:free )?(?:[\w'&-]+ ){0,6}"
        r"[Nn]ewsletters?[^\n]{0,120}|"
        r"Enter your email(?: address)?[^\n]{0,80}|"
        r"Thanks? (?:you )?for (?:signing up|subscribing)!?[^\n]{0,120}|"
        r"Please enter a valid email(?: address)?\.?|"
        r"By (?:signing up|subscribing), you (?:agree|acknowledge)[^\n]{5,240}|"
        r"Invalid email address|Sign up|Subscribe(?: [Nn]ow| [Tt]oday)?|Newsletter sign[- ]up",
        pretest=False,
    ),
    Rule(
        "donation-widget",
        "donation_promo",
        r"Donate(?: [Nn]ow| [Tt]oday)?|Make a (?:tax-deductible )?donation[^\n]{0,120}|"
        r"Support (?:our|local|independent|nonprofit|quality) (?:[\w-]+ )?journalism[^\n]{0,200}|"
        r"Become a (?:member|supporter|sustaining member)[^\n]{0,120}|"
        r"If you (?:value|appreciate|enjoy|like|rely on) (?:our|this|stories like this)"
        r"[^\n]{0,120}?(?:please )?(?:consider )?(?:donating|supporting|subscribing|a donation|"
        r"becoming a member)[^\n]{0,160}",
        pretest=False,
    ),
    Rule(
        "comment-widget",
        "comment_form",
        r"(?:Post|Add|Write|Leave) a [Cc]omment|\d+ [Cc]omments?|Comments? \(\d+\)|"
        r"(?:View|Show|Hide|Load) (?:all )?[Cc]omments(?: \(\d+\))?|"
        r"Join the (?:conversation|discussion)|Be the first to comment!?|"
        r"You must be (?:logged in|registered) to post a comment\.?|"
        r"Notify me of (?:follow-up comments|new posts) by email\.|"
        r"Save my name, email, and website in this browser for the next time I comment\.|"
        r"This site uses Akismet to reduce spam\. Learn how your comment data is processed\.|"
        r"Cancel reply|(?:Post|Submit) Comment|(?:Comment|Name|Email) \*|"
        r"Log in to (?:comment|reply)|Comments are closed\.?",
        pretest=False,
    ),
    Rule(
        "read-more-link",
        "ui_cruft",
        r"(?:Continue [Rr]eading|Keep [Rr]eading|Read [Ff]ull [Ss]tory|Read the (?:full|whole|"
        r"rest of the) (?:story|article|post)|Read [Tt]he [Rr]est(?: of this (?:story|entry))?)"
        r"(?: (?:here|on [\w.-]+))? ?(?:\.\.\.|…|»|→|>>|\u203a)?|Read [Mm]ore ?(?:»|→|>>|\u203a)",
    ),
)

FEED_RESIDUE: tuple[Rule, ...] = (
    # Feed-reader fields printed above or below an item ('Source: https://…', 'Tags: …').
    Rule(
        "feed-link-field",
        "feed_metadata",
        r"(?:Source|Link|Permalink|GUID|Comments|Feed|Original (?:article|link|post)):"
        r" ?(?:https?://|www\.)\S+",
    ),
    Rule(
        "feed-category-field",
        "feed_metadata",
        r"(?:Categories|Category|Tags|Topics|Filed [Uu]nder|Posted in):[ ]?[^\n]{1,300}",
    ),
    Rule("excerpt-marker", "feed_metadata", r"\[(?:\.\.\.|…)\]"),
)

# CDATA brackets left by a feed dump, '<![CDATA[' before the text and ']]>' after it: cut
# wherever they stand, the headline included.
FEED_RESIDUE_TEXT: tuple[Rule, ...] = (Rule("cdata", "feed_residue", r"<!\[CDATA\[|\]\]>"),)

# COPYRIGHT runs before the photo credits (a '© Owner. All rights reserved.' line is no credit).
CHROME_LINE_RULES: tuple[Rule, ...] = (*RAILS, *WIDGETS, *FEED_RESIDUE)
CHROME_SPAN_RULES: tuple[Rule, ...] = INLINE_PROMOS
CHROME_TEXT_RULES: tuple[Rule, ...] = (*FEED_RESIDUE_TEXT, *RAIL_TEXT_RULES)
