"""Finding catalogue entries and change ideas alike in words: PostgreSQL's full-text ranking
(english stemming, the name or idea weighted above the description; no extension needed), or on
SQLite the word overlap of learning.similarity. Both give the most alike first, leaving out those
sharing no word."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Q, QuerySet

from learning import similarity
from learning.models import ChangeEntry
from projects.models import ChangeIdea
from regions.models import User
from regions.roles import is_national_admin, led_region_ids

QUERY_WORDS = 40  # a long description's first content words are enough to rank by

IDEA_FIELDS = ("text", "description")
ENTRY_FIELDS = ("name", "description")


def ideas_like(text: str, ideas: QuerySet[ChangeIdea], limit: int = 10) -> list[ChangeIdea]:
    """The ideas most like `text`, each with `.similarity` (higher is more alike)."""
    return _ranked(ideas, IDEA_FIELDS, text, limit)


def entries_like(text: str, entries: QuerySet[ChangeEntry], limit: int = 10) -> list[ChangeEntry]:
    return _ranked(entries, ENTRY_FIELDS, text, limit)


def entry_text(entry: ChangeEntry) -> str:
    return f"{entry.name}\n{entry.description}"


def idea_text(idea: ChangeIdea) -> str:
    return f"{idea.text}\n{idea.description}"


def unlinked_ideas_linkable_by(user: User) -> QuerySet[ChangeIdea]:
    """Change ideas not yet linked to an entry that `user` may link (learning.access's rule:
    leads of the project's regions or programmes, and national admins)."""
    ideas = ChangeIdea.objects.filter(catalogue_link__isnull=True)
    if is_national_admin(user):
        return ideas
    if not user.is_authenticated:
        return ideas.none()
    led = led_region_ids(user)
    linkable = ChangeIdea.objects.filter(
        Q(project__lead_region__in=led)
        | Q(project__participating_regions__in=led)
        | Q(project__programme_memberships__programme__leads=user)
    ).values("id")
    return ideas.filter(id__in=linkable)


def _query_words(text: str) -> list[str]:
    seen = []
    for word in similarity.WORD.findall(text.lower()):
        if word not in similarity.STOP_WORDS and len(word) > 1 and word not in seen:
            seen.append(word)
    return seen[:QUERY_WORDS]


def _ranked(queryset: QuerySet, fields: tuple[str, str], text: str, limit: int) -> list:
    if not _query_words(text):
        return []
    if connections[queryset.db].vendor == "postgresql":
        return _ranked_in_postgres(queryset, fields, text, limit)
    return _ranked_in_python(queryset, fields, text, limit)


def _ranked_in_postgres(queryset, fields, text, limit) -> list:
    query = None
    for word in _query_words(text):
        term = SearchQuery(word, config="english")
        query = term if query is None else query | term
    vector = SearchVector(fields[0], weight="A", config="english") + SearchVector(
        fields[1], weight="B", config="english"
    )
    found = (
        queryset.annotate(_document=vector, similarity=SearchRank(vector, query))
        .filter(_document=query)
        .order_by("-similarity", "pk")
    )
    return list(found[:limit])


def _ranked_in_python(queryset, fields, text, limit) -> list:
    candidates = (
        (pk, f"{first}\n{second}") for pk, first, second in queryset.values_list("pk", *fields)
    )
    ranked = similarity.rank(text, candidates, limit=limit)
    found = queryset.in_bulk([r.key for r in ranked])
    results = []
    for r in ranked:
        obj = found[r.key]
        obj.similarity = r.score
        results.append(obj)
    return results
