"""The git layer: fixes on a branch of a repository, and migrations over many
repositories."""
