"""`field__any=values`: membership in a long list of values as one parameter.

`__in` binds a parameter per value, and with 10,000 ids (a national Monday's request) binding
them costs more than the look-up itself: Django resolves each one, and psycopg parses a query
string of 10,000 placeholders. On PostgreSQL `field = ANY(%s)` sends the list as one array;
elsewhere `any` is `in`.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import Field, ForeignObject
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In


class _OneArray:
    lookup_name = "any"

    def as_postgresql(self, compiler, connection):
        if not self.rhs_is_direct_value():
            return super().as_sql(compiler, connection)  # a subquery: as `in` does it
        values = [value for value in dict.fromkeys(self.rhs) if value is not None]
        if not values:
            raise EmptyResultSet
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*lhs_params, values)


@Field.register_lookup
class AnyOf(_OneArray, In):
    pass


@ForeignObject.register_lookup
class RelatedAnyOf(_OneArray, RelatedIn):
    pass
