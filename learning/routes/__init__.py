"""The learning system's pages, one module of routes per part; learning/urls.py joins them."""
