"""Explicit keyword parameters for services that set some of a model's fields.

A service names every field it takes (a reader sees what it may change, and a misspelt field is
a TypeError naming it), each defaulting to NOT_GIVEN; `given()` keeps what the caller passed, so
an update touches only those fields and a create leaves the rest to the model's defaults.
"""


class _NotGiven:
    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> bool:
        return False


NOT_GIVEN = _NotGiven()


def given(arguments: dict, *, leave_out: tuple[str, ...] = ()) -> dict:
    """The arguments the caller passed (from `locals()` at the top of a service), without
    `leave_out` (the acting user, the object being changed)."""
    return {
        name: value
        for name, value in arguments.items()
        if value is not NOT_GIVEN and name not in leave_out
    }
