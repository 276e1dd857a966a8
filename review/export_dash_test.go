package review

// SetAuditExportLimit lowers the bound of one audit export (the test
// cannot afford 10,000 entries); the returned function restores it.
func SetAuditExportLimit(n int) (restore func()) {
	old := maxAuditExport
	maxAuditExport = n
	return func() { maxAuditExport = old }
}
