"""Finding what a page is about, or saying plainly why not.

Every view looks its objects up in a queryset the access policy has already scoped to the user, so
"not there" and "not yours to see" are the same 404, and a refused action is a 403 whose page
says who may do it.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404


def visible_or_404(queryset: QuerySet, missing: str, **lookup) -> Model:
    """The object of `queryset` matching `lookup`, or a 404 whose page says `missing`, e.g.
    "There is no project with the id 12."."""
    found = queryset.filter(**lookup).first()
    if found is None:
        raise Http404(missing)
    return found


def refuse_unless(allowed: bool, sentence: str) -> None:
    """A 403 whose page says `sentence` (who may do this) unless `allowed`."""
    if not allowed:
        raise PermissionDenied(sentence)
