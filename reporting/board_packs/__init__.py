"""The regional board pack: a region's quarter on a few printed pages, made by a worker.

- `contents`: what goes in it (headline figures with the same quarter a year before, the Making
  Data Count matrix and the measures of concern, new signals, spread, stories and a page per
  highlighted project), read for the person who asked, as plain values;
- `document`: those values as HTML, then a tagged PDF (core.pdf);
- `service`: asking for a pack (permission checked, the task sent without failing the request
  when the broker is down), trying again, and the worker's making of it with its progress;
- `status`: a pack's state and progress in words, a stuck one counted as failed.
"""
