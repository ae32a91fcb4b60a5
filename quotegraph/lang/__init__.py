"""What quotegraph knows about written news text, with no spaCy and nothing else of the project.

Readers, the pipeline stages, the evaluation and the command line all need these facts,
so they live below all of them:

    quotemarks.py   the quote-mark characters
    dateline.py     an article's date from a leading dateline, and where that dateline ends
"""
