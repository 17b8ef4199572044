"""The run layer: walking trees, the prefilter, the worker pool, the result cache and
stat index, one file's fixes, many files, suppressions and atomic writes."""
