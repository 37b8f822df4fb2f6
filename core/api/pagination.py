"""Page-number pagination: ?page=2&page_size=500 (at most 1,000 rows a page)."""

from rest_framework.pagination import PageNumberPagination

MAX_PAGE_SIZE = 1000


class Pages(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
