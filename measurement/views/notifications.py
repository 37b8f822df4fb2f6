from django.shortcuts import redirect, render
from django.utils import timezone


def notification_list(request):
    """The signed-in user's signal notifications; opening the page marks them read."""
    notifications = request.user.notifications.select_related("measure", "measure__project")
    if request.method == "POST":
        notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("measurement:notifications")
    return render(
        request,
        "measurement/notifications.jinja",
        {
            "notifications": list(notifications[:100]),
            "unread": sum(1 for n in notifications if n.read_at is None),
        },
    )
