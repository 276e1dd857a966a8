package review

// warmPrinter has a printer that can keep itself warm (browser.Pool.
// KeepWarm) start doing so: called by the pages that offer a PDF and by
// the PDFs themselves, so that the browser starts while a reviewer reads
// a notice, not when they ask for its PDF, and a browser that died is
// replaced before the next print. Servers that never show a notice never
// start a browser for printing.
func (s *Server) warmPrinter() {
	if k, ok := s.opts.Printer.(interface{ KeepWarm() }); ok {
		k.KeepWarm()
	}
}
