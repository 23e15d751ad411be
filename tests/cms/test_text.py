"""cms/text.py: which invisible characters short fields refuse and long text loses."""

from django import forms

import pytest

from cms.text import (
    BIDI_CONTROLS,
    SHORT_TEXT_INVISIBLE,
    CleanTextMixin,
    clean_long_text,
    clean_short_text,
    describe,
    has_invisible,
    invisible_characters,
)

BIDI = sorted(BIDI_CONTROLS)


@pytest.mark.parametrize("control", BIDI)
def test_bidi_overrides_and_isolates_are_refused_in_short_text_with_their_name(control):
    with pytest.raises(forms.ValidationError) as refusal:
        clean_short_text(f"Rechnung{control}fdp.exe")

    error = refusal.value
    assert error.code == "invisible"
    assert error.message == SHORT_TEXT_INVISIBLE
    assert error.params == {"characters": describe(control)}
    assert describe(control).startswith(f"U+{ord(control):04X} ")


@pytest.mark.parametrize("control", BIDI)
def test_bidi_overrides_and_isolates_never_stay_in_long_text(control):
    assert clean_long_text(f"A{control}B\n{control}") == "AB\n"
    # Not even between two emoji or two letters of a script that uses joiners.
    assert clean_long_text(f"😀{control}😀 ب{control}ب") == "😀😀 بب"


@pytest.mark.parametrize(
    "character",
    [
        "\u200b",  # zero-width space
        "\u200e",  # left-to-right mark
        "\u2060",  # word joiner
        "\ufeff",  # byte order mark
        "\u00ad",  # soft hyphen
        "\x00",
        "\x07",
        "\x1b",
        "\x7f",
        "\x85",  # next line (C1)
        "\u2028",  # line separator
        "\ue000",  # private use
    ],
)
def test_other_invisible_characters_are_refused_in_short_text(character):
    assert invisible_characters(f"An{character}na") == [character]
    with pytest.raises(forms.ValidationError):
        clean_short_text(f"An{character}na")


def test_the_message_names_each_character_once():
    with pytest.raises(forms.ValidationError) as refusal:
        clean_short_text("\u202eA\u200bB\u202eC")
    assert refusal.value.params == {
        "characters": "U+202E RIGHT-TO-LEFT OVERRIDE, U+200B ZERO WIDTH SPACE"
    }


def test_tabs_and_line_breaks_in_short_text_are_spaces():
    assert clean_short_text("Mehr\tBusse\r\nam Sonntag\n") == "Mehr Busse  am Sonntag "


def test_long_text_keeps_line_breaks_and_tabs_and_loses_the_rest():
    text = "Erste\u200b Zeile\r\n\tzweite\x00 Zeile\rdritte\u2028vierte\u2029Absatz\ufeff"
    assert clean_long_text(text) == "Erste Zeile\n\tzweite Zeile\ndritte\nvierte\n\nAbsatz"


def test_long_text_keeps_private_use_and_unassigned_code_points():
    # Unassigned to this Python: an emoji newer than its Unicode tables.
    assert clean_long_text("Icon \ue000 und \U0001fae8") == "Icon \ue000 und \U0001fae8"


@pytest.mark.parametrize(
    "text",
    [
        "👩\u200d💻",  # woman technologist
        "👩🏽\u200d🚒",  # with a skin tone
        "❤\ufe0f\u200d🔥",  # heart on fire (with the emoji variation selector)
        "👨\u200d👩\u200d👧",  # family
        "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # Scotland
        "می\u200cخواهم",  # Persian: a zero-width non-joiner between letters
        "क्\u200dष",  # Devanagari with a zero-width joiner
    ],
)
def test_emoji_sequences_and_joiners_of_scripts_that_need_them_are_harmless(text):
    assert invisible_characters(text) == []
    assert clean_short_text(text) == text
    assert clean_long_text(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "An\u200dna",  # between Latin letters it only makes look-alikes
        "An\u200cna",
        "Anna\u200d",
        "\u200d👩",
        "A\u200d💻",
        "\U000e0067\U000e007f",  # tags without a flag
    ],
)
def test_joiners_and_tags_elsewhere_are_invisible_characters(text):
    assert invisible_characters(text) != []
    assert not set(clean_long_text(text)) & {"\u200d", "\u200c", "\U000e0067", "\U000e007f"}


def test_strict_counts_joiners_and_line_breaks_too():
    """For display names: people recognise each other by them."""
    assert has_invisible("Anna\nBerg", strict=True)
    assert has_invisible("👩\u200d💻", strict=True)
    assert not has_invisible("Anna Berg 👩💻", strict=True)


def test_plain_text_passes_unchanged():
    text = "Straße für Öffis – „Rufbus“ · 50 % weniger 🚌\n\nZweiter Absatz."
    assert clean_long_text(text) == text
    assert clean_short_text("Rufbus für Mölln 🚌") == "Rufbus für Mölln 🚌"
    assert clean_short_text("") == ""
    assert clean_long_text(None) == ""


class ExampleForm(CleanTextMixin, forms.Form):
    title = forms.CharField(max_length=10)
    text = forms.CharField(widget=forms.Textarea, max_length=5)
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    secret = forms.CharField(widget=forms.PasswordInput, required=False)
    email = forms.EmailField(required=False)
    name = forms.CharField(required=False)
    text_checked_elsewhere = ("name",)


def test_the_form_mixin_refuses_short_fields_and_cleans_long_ones_before_their_checks():
    form = ExampleForm(
        data={"title": "Titel\u202e", "text": "abc\u202e\u200b\u2066de", "token": "\u202e"}
    )

    assert not form.is_valid()
    assert form.errors["title"] == [SHORT_TEXT_INVISIBLE % {"characters": describe("\u202e")}]
    # Five characters once the invisible ones are gone: within max_length.
    assert "text" not in form.errors
    assert form.cleaned_data["text"] == "abcde"
    # Hidden and password fields are the program's and the person's own business.
    assert form.cleaned_data["token"] == "\u202e"


def test_the_form_mixin_leaves_fields_checked_elsewhere_and_passwords_alone():
    form = ExampleForm(
        data={"title": "Titel", "text": "abc", "secret": "pa\u202ess", "name": "An\u200bna"}
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["secret"] == "pa\u202ess"
    assert form.cleaned_data["name"] == "An\u200bna"


def test_the_form_mixin_works_with_prefixes_and_querydicts():
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data.update({"x-title": "Titel", "x-text": "a\u202eb"})
    data._mutable = False
    form = ExampleForm(data=data, prefix="x")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["text"] == "ab"
