"""Finding stories in the public archive by the words people type.

Story.search_text holds the title, aim, summary, learning and change ideas (put together on
publishing, learning.services.stories.refresh_search_text). On PostgreSQL the search is full-text
(English stemming, websearch syntax: "quoted phrases", -not, or) ranked with the project's title
weighted above the rest; on SQLite (development and the fast tests) every word must appear
somewhere in the text, newest first.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet, Value

from learning.models import Story

CONFIG = "english"


def search_stories(queryset: QuerySet[Story], words: str) -> QuerySet[Story]:
    """The stories of `queryset` that match `words`, the best first; all of them, as they came,
    for no words."""
    words = words.strip()
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        return _full_text(queryset, words)
    return _every_word(queryset, words)


def _full_text(queryset: QuerySet[Story], words: str) -> QuerySet[Story]:
    vector = SearchVector("project__title", weight="A", config=CONFIG) + SearchVector(
        "search_text", weight="B", config=CONFIG
    )
    query = SearchQuery(words, search_type="websearch", config=CONFIG)
    return (
        queryset.annotate(search=vector, search_rank=SearchRank(vector, query))
        .filter(search=query)
        .order_by("-search_rank", F("first_published_at").desc(nulls_last=True), "id")
    )


def _every_word(queryset: QuerySet[Story], words: str) -> QuerySet[Story]:
    condition = Q()
    for word in words.split():
        word = word.strip("\"'")
        if word:
            condition &= Q(search_text__icontains=word) | Q(project__title__icontains=word)
    return (
        queryset.filter(condition)
        .annotate(search_rank=Value(1.0))
        .order_by(F("first_published_at").desc(nulls_last=True), "id")
    )
