"""The public archive: completed projects' stories, for anyone, without signing in.

Only `learning.access.stories_public()` is read, so a story that is not published (draft,
submitted, returned, withdrawn) is a 404 at every address here, and absent from the list, the
search and the feed.
"""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from core.lookup import visible_or_404
from core.wording import plural
from learning import access
from learning.presenters import archive_list as listing
from learning.presenters.archive_charts import public_chart_svg, public_charts
from learning.presenters.archive_story import page_words, public_story, story_prefetched

STORIES_PER_PAGE = 20
DESCRIPTION_LENGTH = 155
ARCHIVE_DESCRIPTION = (
    "Stories of completed quality improvement projects of England's Patient Safety "
    "Collaboratives: what they changed, their charts and results, and what they learned."
)


def _published_story(slug: str):
    return visible_or_404(
        story_prefetched(access.stories_public()),
        f"There is no published story called “{slug}”.",
        slug=slug,
    )


@login_not_required
def archive(request):
    stories = access.stories_public()
    form = listing.ArchiveFilterForm(request.GET or None, stories=stories)
    if form.is_bound:
        form.is_valid()  # a choice not offered is an error on its field; the rest still apply
    data = getattr(form, "cleaned_data", {})
    found = listing.list_queryset(listing.filtered(stories, data))
    page = Paginator(found, STORIES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "learning/archive/archive.jinja",
        {
            "form": form,
            "page": page,
            "rows": [listing.story_row(story) for story in page.object_list],
            "count": plural(page.paginator.count, "story", "stories"),
            "applied": listing.applied_filters(form, data),
            "query_string": query.urlencode(),
            "description": ARCHIVE_DESCRIPTION,
            "canonical": request.build_absolute_uri(reverse("learning:archive")),
        },
    )


@login_not_required
def archive_story(request, slug):
    story = _published_story(slug)
    content = public_story(story)
    return render(
        request,
        "learning/archive/story.jinja",
        {
            "story": content,
            "charts": public_charts(story, list(story.published_measures.all())),
            "impacts_by_measure": {m["id"]: m["impacts"] for m in content["measures"]},
            **page_words(content),
            "signed_in": request.user.is_authenticated,
            "start_href": reverse("learning:story_start_project", args=[story.slug]),
            "sign_in_href": f"{reverse('login')}?next="
            + reverse("learning:story_start_project", args=[story.slug]),
            "description": listing.trimmed(content["summary"], DESCRIPTION_LENGTH),
            "canonical": request.build_absolute_uri(story.get_absolute_url()),
            "breadcrumbs": [
                {"text": "Improvement stories", "href": reverse("learning:archive")},
            ],
        },
    )


@login_not_required
def archive_chart(request, slug, measure_id):
    story = visible_or_404(
        access.stories_public(), f"There is no published story called “{slug}”.", slug=slug
    )
    measure = visible_or_404(
        story.published_measures.select_related("project"),
        f"“{slug}” has no published chart {measure_id}.",
        pk=measure_id,
    )
    narrow = request.GET.get("size") == "narrow"
    response = HttpResponse(public_chart_svg(measure, narrow), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=300"
    return response
