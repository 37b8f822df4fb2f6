"""A programme's learning sessions: adding and editing them (with links to their materials),
and recording who attended and what they thought."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render

from core.wording import long_date
from learning.forms.programmes import AttendanceForm, SessionForm
from learning.services import programmes as services
from learning.views.programmes_lookup import add_errors, editable_programme, programme_session
from regions import access as regions_access


def _calendar_url(programme) -> str:
    return f"{programme.get_absolute_url()}#calendar"


def _session_values(form) -> tuple[dict, list]:
    values = dict(form.cleaned_data)
    return values, values.pop("materials")


def _save_materials(by, session, wanted: list[tuple[str, str]]) -> None:
    """Keeps the materials still listed, removes the others and adds the new ones."""
    existing = list(session.materials.all())
    kept = set()
    for material in existing:
        if (material.title, material.url) in wanted:
            kept.add((material.title, material.url))
        else:
            services.material_remove(by=by, material=material)
    for title, url in wanted:
        if (title, url) not in kept:
            services.material_add(by=by, session=session, title=title, url=url)
            kept.add((title, url))


def _render_form(request, form, programme, session):
    return render(
        request,
        "learning/programmes/session_form.jinja",
        {"form": form, "programme": programme, "session": session},
    )


def session_create(request, slug):
    programme = editable_programme(request, slug)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values, materials = _session_values(form)
        try:
            with transaction.atomic():
                session = services.session_create(by=request.user, programme=programme, **values)
                _save_materials(request.user, session, materials)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Learning session “{session.title}” was added.")
            return redirect(_calendar_url(programme))
    return _render_form(request, form, programme, None)


def session_update(request, slug, session_pk):
    programme = editable_programme(request, slug)
    session = programme_session(programme, session_pk)
    initial = {
        "title": session.title,
        "held_on": session.held_on,
        "mode": session.mode,
        "place": session.place,
        "agenda": session.agenda,
        "materials": SessionForm.materials_text(session),
    }
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values, materials = _session_values(form)
        try:
            with transaction.atomic():
                services.session_update(by=request.user, session=session, **values)
                _save_materials(request.user, session, materials)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Learning session “{session.title}” was saved.")
            return redirect(_calendar_url(programme))
    return _render_form(request, form, programme, session)


def _teams(request, programme, session) -> list[dict]:
    """Each team of the programme with the people who may be named and its attendance row."""
    rows = {}
    for attendance in session.attendances.filter(project__isnull=False).order_by("-user", "id"):
        rows.setdefault(attendance.project_id, attendance)
    people = regions_access.people_nameable_by(request.user).order_by("last_name", "first_name")
    return [
        {
            "project": member.project,
            "people": people.filter(project_memberships__project=member.project),
            "row": rows.get(member.project_id),
        }
        for member in programme.members.select_related("project").order_by("project__title")
    ]


def _record(by, session, decision) -> None:
    row = decision["row"]
    if not decision["attended"]:
        if row is not None:
            services.attendance_remove(by=by, attendance=row)
        return
    if row is not None and row.user_id and row.user != decision["user"]:
        # Someone else came for the team: their row replaces the earlier person's.
        services.attendance_remove(by=by, attendance=row)
    services.attendance_record(
        by=by,
        session=session,
        project=decision["project"],
        user=decision["user"],
        feedback_score=decision["feedback_score"],
        contributed=decision["contributed"],
    )


def attendance(request, slug, session_pk):
    programme = editable_programme(request, slug)
    session = programme_session(programme, session_pk)
    data = request.POST if request.method == "POST" else None  # unticking every team posts none
    form = AttendanceForm(data, teams=_teams(request, programme, session))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                for decision in form.decisions():
                    _record(request.user, session, decision)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Attendance at “{session.title}” was saved.")
            return redirect(_calendar_url(programme))
    return render(
        request,
        "learning/programmes/attendance_form.jinja",
        {
            "form": form,
            "programme": programme,
            "session": session,
            "session_date": long_date(session.held_on),
        },
    )
