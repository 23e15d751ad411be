"""Text for formats that allow fewer characters than a web page."""

import re

# C0 control characters other than tab, line feed and carriage return: XML 1.0 forbids them and
# RFC 5545 too. They reach us pasted from word processors (e.g. a vertical tab as line break).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_control_characters(text):
    return CONTROL_CHARACTERS.sub(" ", str(text or ""))
