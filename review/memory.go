package review

// ServeMemoryLimit is the Go runtime's soft memory limit that serve sets
// (debug.SetMemoryLimit) unless GOMEMLIMIT is given. With both indexes of
// 100,000 cases live (about 300 MB of heap), the collector's default
// pacing (GOGC=100) let the heap grow to twice that between collections:
// 659 MB of anonymous memory for 310 MB in use (BenchmarkQueue100k). The
// limit makes the collector run earlier as the heap nears it, so that
// serve stays under its 500 MB budget; it is soft: a larger live heap
// still gets the memory it needs.
const ServeMemoryLimit = 400 << 20
