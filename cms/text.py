"""Invisible characters in what people type: refused in short fields, removed from long text.

Some characters cannot be seen but change the text around them. The bidirectional overrides
and isolates (U+202A–U+202E, U+2066–U+2069) reorder what follows: a title ending in
``"\\u202etxt.exe"`` reads "exe.txt", a comment can show a different address than the one it
links. Zero-width spaces make two names that look alike different, control characters break
layouts, e-mails and CSV files.

- Short fields (titles, names: a one-line input) refuse such characters with a message that
  names them, since the writer cannot see what is wrong (:func:`clean_short_text`). Tabs and
  line breaks there are plain spaces.
- Long text (a textarea) loses them silently (:func:`clean_long_text`): they mostly come along
  with text pasted from elsewhere. Line breaks and tabs stay.
- Both keep what is needed to write some scripts and emoji: a zero-width joiner between two
  emoji (👩‍💻), the emoji tag sequences of subdivision flags, and the zero-width (non-)joiners
  between letters of scripts that use them (Arabic, Persian, Indic scripts).
- Bidi overrides and isolates are never kept.

:class:`CleanTextMixin` applies this to every text field of a form by its widget.
"""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Control and format characters (zero-width spaces, direction marks, the byte order mark),
# private use, unassigned and surrogate code points, line and paragraph separators.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp"})

# Long text keeps private-use and unassigned code points: they show as a box at worst (and
# emoji newer than this Python's Unicode tables are unassigned to it).
REMOVED_FROM_LONG_TEXT = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})

WHITESPACE_CONTROLS = {ord("\t"): " ", ord("\n"): " ", ord("\r"): " "}
ZWJ, ZWNJ = "\u200d", "\u200c"
BLACK_FLAG = "\U0001f3f4"
TAGS = range(0xE0020, 0xE0080)
EMOJI_MODIFIERS = "\ufe0f" + "".join(chr(c) for c in range(0x1F3FB, 0x1F400))

# Scripts that have no use for joiners between their letters: there a joiner only makes two
# words that look alike different.
JOINERLESS_SCRIPTS = ("LATIN ", "GREEK ", "CYRILLIC ", "ARMENIAN ", "FULLWIDTH LATIN ")

SHORT_TEXT_INVISIBLE = _(
    "This contains an invisible character that can change how the text is shown "
    "(%(characters)s). Please type the text again instead of pasting it."
)


def _category(char):
    return unicodedata.category(char)


def _is_emoji(char):
    return _category(char) == "So"


def _joins_emoji(text, index):
    before = text[:index].rstrip(EMOJI_MODIFIERS)
    after = text[index + 1 :]
    return bool(before) and bool(after) and _is_emoji(before[-1]) and _is_emoji(after[0])


def _is_joining_letter(char):
    if _category(char)[0] not in "LM":
        return False
    name = unicodedata.name(char, "")
    return char > "\u007f" and not name.startswith(JOINERLESS_SCRIPTS)


def _joins_letters(text, index):
    return (
        0 < index < len(text) - 1
        and _is_joining_letter(text[index - 1])
        and _is_joining_letter(text[index + 1])
    )


def _in_flag_tags(text, index):
    """Whether the tag character at ``index`` belongs to a flag: U+1F3F4 and tags after it."""
    start = index
    while start > 0 and ord(text[start - 1]) in TAGS:
        start -= 1
    return start > 0 and text[start - 1] == BLACK_FLAG


def _harmless(text, index):
    """Whether the format character at ``index`` is part of how an emoji or a script is
    written."""
    char = text[index]
    if char == ZWJ and _joins_emoji(text, index):
        return True
    if char in (ZWJ, ZWNJ) and _joins_letters(text, index):
        return True
    return ord(char) in TAGS and _in_flag_tags(text, index)


def describe(char):
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: how a message names a character nobody can see."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".strip()


def _unwanted(text, *, strict, categories):
    """The positions of the invisible characters in ``text`` that are not harmless."""
    for index, char in enumerate(text):
        if _category(char) not in categories:
            continue
        if not strict and char in "\t\n\r":
            continue
        if char in BIDI_CONTROLS or strict or not _harmless(text, index):
            yield index


def invisible_characters(text, *, strict=False):
    """The characters of ``text`` that are invisible and not harmless, each once, in order.

    Tabs and line breaks do not count, unless ``strict``; ``strict`` also counts the joiners
    that emoji and some scripts need (for names people are recognised by)."""
    text = text or ""
    positions = _unwanted(text, strict=strict, categories=INVISIBLE_CATEGORIES)
    return list(dict.fromkeys(text[index] for index in positions))


def has_invisible(text, *, strict=False):
    return bool(invisible_characters(text, strict=strict))


def validate_short_text(value):
    """Refuse ``value`` with a message naming its invisible characters (a form validator)."""
    found = invisible_characters(value)
    if found:
        raise forms.ValidationError(
            SHORT_TEXT_INVISIBLE,
            code="invisible",
            params={"characters": ", ".join(describe(char) for char in found)},
        )


def clean_short_text(value):
    """``value`` with tabs and line breaks as spaces; :class:`ValidationError` when it holds
    any other invisible character."""
    value = value or ""
    validate_short_text(value)
    return value.translate(WHITESPACE_CONTROLS)


def clean_long_text(value):
    """``value`` without bidi controls and other invisible characters; line breaks (as
    ``\\n``) and tabs stay, line and paragraph separators become line breaks."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    removed = set(_unwanted(text, strict=False, categories=REMOVED_FROM_LONG_TEXT))
    if not removed:
        return text
    return "".join(char for index, char in enumerate(text) if index not in removed)


def _is_text_field(field):
    # An e-mail address's own validator already refuses every such character.
    return (
        isinstance(field, forms.CharField)
        and not isinstance(field, forms.EmailField)
        and not isinstance(field.widget, forms.HiddenInput | forms.PasswordInput)
    )


def is_long_text_field(field):
    return _is_text_field(field) and isinstance(field.widget, forms.Textarea)


def is_short_text_field(field):
    return _is_text_field(field) and not isinstance(field.widget, forms.Textarea)


class CleanTextMixin:
    """For forms people type in: one-line text fields refuse invisible characters
    (:func:`validate_short_text`), multi-line ones (a textarea) lose them before any other check
    (:func:`clean_long_text`). Fields with a stricter check of their own (a display name) are
    named in ``text_checked_elsewhere``."""

    text_checked_elsewhere = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in self.text_checked_elsewhere or not is_short_text_field(field):
                continue
            if validate_short_text not in field.validators:
                field.validators = [*field.validators, validate_short_text]

    def full_clean(self):
        if self.is_bound:
            self._clean_long_text()
        super().full_clean()

    def _clean_long_text(self):
        names = [
            name
            for name, field in self.fields.items()
            if name not in self.text_checked_elsewhere and is_long_text_field(field)
        ]
        keys = [self.add_prefix(name) for name in names if self.add_prefix(name) in self.data]
        if not keys:
            return
        data = self.data.copy()
        for key in keys:
            value = data.get(key)
            if isinstance(value, str):
                data[key] = clean_long_text(value)
        self.data = data
