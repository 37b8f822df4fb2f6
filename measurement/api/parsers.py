"""CSV bodies for the bulk endpoints: `Content-Type: text/csv`.

The header names the columns (period,value or period,numerator,denominator; with a measure
column for /api/v1/data/); each later line is one point, in the same shape as a JSON point, so
the entry rules judge both alike and `index` counts data lines from 0.
"""

import csv
import io

from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser

KNOWN_COLUMNS = {
    "measure",
    "period",
    "value",
    "numerator",
    "denominator",
    "date",
    "opportunities_since_previous",
}


class CSVParser(BaseParser):
    media_type = "text/csv"
    rows_key = "points"

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            text = stream.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ParseError("The CSV body is not UTF-8 text.") from error
        try:
            reader = csv.reader(io.StringIO(text, newline=""))
            header = [cell.strip().lower() for cell in next(reader, [])]
            unknown = [name for name in header if name not in KNOWN_COLUMNS]
            if not header or unknown:
                raise ParseError(
                    f"The CSV header must name the columns, e.g. "
                    f"measure,period,value; not {', '.join(unknown) or 'nothing'}."
                )
            rows = [
                dict(zip(header, (cell.strip() for cell in row), strict=False))
                for row in reader
                if any(cell.strip() for cell in row)
            ]
        except csv.Error as error:
            raise ParseError(f"The body could not be read as CSV: {error}.") from error
        return {self.rows_key: rows}


class EventsCSVParser(CSVParser):
    rows_key = "events"
