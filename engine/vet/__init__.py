"""gomend inside the go command: ``go vet -vettool`` and ``go fix -fixtool`` (``tool``)."""
