"""Reports: the debrief after a call, and progress reports over many calls."""
