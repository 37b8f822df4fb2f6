from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from measurement.services.notification_settings import notification_settings_save, settings_of

CHOICES = ("in_app", "email", "weekly_digest")


def notification_list(request):
    """The signed-in user's notifications; opening the page marks them read."""
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


def notification_settings(request):
    """How the signed-in user hears of new signals and missing data (all ticked until saved)."""
    if request.method == "POST":
        notification_settings_save(
            by=request.user,
            user=request.user,
            **{name: request.POST.get(name) == "on" for name in CHOICES},
        )
        messages.success(request, "Your notification settings were saved.")
        return redirect("measurement:notification_settings")
    chosen = settings_of(request.user)
    return render(
        request,
        "measurement/notification_settings.jinja",
        {"chosen": {name: getattr(chosen, name) for name in CHOICES}},
    )
