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

// ServeGCPercent is the collector's GOGC that serve sets
// (debug.SetGCPercent) unless GOGC is given. Most of serve's heap is its
// two indexes, which live as long as the process and hold few pointers
// (encoded rows and postings), so a collection costs little; at the
// default of 100 the heap grew to twice the live one between collections
// (anonymous memory 380 MB for 164 MB live, BenchmarkQueue100k). At 50
// it grows by half.
const ServeGCPercent = 50
