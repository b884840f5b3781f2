"""The data files the program reads: safe YAML that keeps line marks, size and folder guards, and a cache.

Both `dialogue` (the interview, answers files, drafts) and `clauses` (the clause library, the review
rules) read YAML, and neither may import the other, so the one reader lives here, beneath both
(`datafiles.reading`). Each package words the reader's `DataFileError` in its own terms.

Importing this package imports nothing: `datafiles.cache` is read at every start and must not pull in
PyYAML, which only `datafiles.reading` needs.
"""
