"""Editorial page types and the people (authors) stories are tagged with."""

from .accessibility import AccessibilityFeedback, AccessibilityStatementPage
from .easy_read import EasyReadPage
from .events import EventIndexPage, EventPage
from .learning import LearningPathIndexPage, LearningPathPage
from .pages import HomePage, StandardPage
from .places import PlaceIndexPage, PlacePage
from .stories import StoryIndexPage, StoryPage, StoryPageTag
from .taxonomy import Person
from .topics import TopicIndexPage, TopicPage

__all__ = [
    "AccessibilityFeedback",
    "AccessibilityStatementPage",
    "EasyReadPage",
    "EventIndexPage",
    "EventPage",
    "HomePage",
    "LearningPathIndexPage",
    "LearningPathPage",
    "Person",
    "PlaceIndexPage",
    "PlacePage",
    "StandardPage",
    "StoryIndexPage",
    "StoryPage",
    "StoryPageTag",
    "TopicIndexPage",
    "TopicPage",
]
