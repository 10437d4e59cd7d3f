"""Tokenizer rules the English model lacks, added to the loaded model's tokenizer.

Scraped article bodies drop the space after a closing quote: '… so mean-spirited,”Clinton said',
'… to different audiences,"Katie Packer, who is …'. spaCy's infixes do not split a quote mark
between punctuation and a letter, so "mean-spirited,”Clinton" becomes one PROPN token: the name
is lost as a speaker and the quote's end falls inside a token. A quote mark after sentence or
clause punctuation and before a capital letter is split off as its own token. Only token
boundaries change; the text and every character offset stay as they were.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.util import compile_infix_regex

# The mark, and the punctuation before it (infixes are not searched for suffixes again, so
# without the second pattern "spirited," would keep its comma).
GLUED_QUOTE = (r'(?<=[.,!?;:])["”](?=[A-Z])', r'(?<=\w)[.,!?;:](?=["”][A-Z])')


def split_glued_quotes(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes or ())
    if GLUED_QUOTE[0] not in infixes:
        nlp.tokenizer.infix_finditer = compile_infix_regex([*infixes, *GLUED_QUOTE]).finditer


# Title abbreviations the English tokenizer exceptions lack ("Gov.", "Sen.", "Rep.", "Dr." are
# there): without them "Coun. Teo Brask said" splits off the period and the parser ends the
# sentence after the title, leaving the name a sentence of its own. Police and council titles
# are common in Canadian news ("Const.", "Cst.", "Insp.", "Supt.", "S/Sgt."). Capitalised forms
# only: a lower-case "col." or "sec." is a column or a second.
TITLE_ABBREVIATIONS = (
    "Amb.", "Asst.", "Atty.", "Capt.", "Cmdr.", "Col.", "Const.", "Coun.", "Cpl.", "Cst.", "Det.",
    "Hon.", "Insp.", "Lt.", "Maj.", "Pres.", "Sgt.", "Supt.", "Treas.",
)  # fmt: skip


def keep_title_abbreviations(nlp: Language) -> None:
    for abbreviation in TITLE_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
