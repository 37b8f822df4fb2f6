"""The public archive's Atom feed: the 20 stories most recently published for the first time."""

from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.db.models import F
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from learning import access
from learning.presenters.archive_list import trimmed
from learning.presenters.archive_story import story_summary

NEWEST = 20


class ArchiveFeed(Feed):
    feed_type = Atom1Feed
    title = "Improvement stories – PSC QI Tracker"
    subtitle = (
        "New stories in the public archive of completed quality improvement projects of the "
        "Patient Safety Collaboratives."
    )

    def link(self):
        return reverse("learning:archive")

    def feed_url(self):
        return reverse("learning:archive_feed")

    def items(self):
        return (
            access.stories_public()
            .filter(first_published_at__isnull=False)
            .select_related("project__lead_region", "project__learning")
            .order_by(F("first_published_at").desc(), "-id")[:NEWEST]
        )

    def item_title(self, story):
        return story.project.title

    def item_description(self, story):
        return trimmed(story_summary(story), 500)

    def item_link(self, story):
        return story.get_absolute_url()

    def item_pubdate(self, story):
        return story.first_published_at

    def item_updateddate(self, story):
        return story.published_at or story.first_published_at

    def item_author_name(self, story):
        return story.project.lead_region.name

    def item_categories(self, story):
        return [story.project.get_topic_display()]


archive_feed = login_not_required(ArchiveFeed())
