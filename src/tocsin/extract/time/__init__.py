"""TIMEX3 recognition and normalisation (the parts of ``tocsin.extract.timexes``)."""
