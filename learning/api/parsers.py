"""CSV bodies for the adoption batch (`Content-Type: text/csv`): the upload page's file, read
by the same reader (learning.adoption_csv), so `index` counts data lines from 0."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser

from core import csv_files
from learning.adoption_csv import read_csv


class AdoptionsCSVParser(BaseParser):
    media_type = "text/csv"

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            table = read_csv(stream.read())
        except csv_files.Unreadable as error:
            raise ParseError(str(error)) from None
        if table.problems:  # a line whose cells do not match the header: the indexes would not
            first = table.problems[0]
            raise ParseError(f"Line {first.row} of the CSV body: {first.message}")
        return {"adoptions": table.rows}
