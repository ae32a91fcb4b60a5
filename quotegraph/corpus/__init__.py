"""Cross-article rules, as pure functions so the store and the Spark job share them.

    normalize   quote text → comparable words (quote marks, case, whitespace, ellipses)
    provenance  shingles, MinHash/LSH parameters, the near-duplicate test, differing words
    speakers    the speaker index entry: when two speakers across articles are the same one
    outlets     which outlet published an article
    acts        what a source did (speech, writing, thought, intention, finding) from its cue's words
    statements  statements and fragments: the tiers search ranks quotes in
"""
