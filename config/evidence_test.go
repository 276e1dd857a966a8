package config

import (
	"strings"
	"testing"
)

// TestConfigEvidenceScreenshot: the source key's values.
func TestConfigEvidenceScreenshot(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  bool
		err   string
	}{{"always", true, ""}, {"rendered", false, ""}, {"sometimes", false, `unknown evidence_screenshot "sometimes"`}} {
		_, err := Parse("c.yaml", []byte("database: x.db\nsources:\n  - id: a\n    type: urls\n    urls: [\"https://a.example/\"]\n    evidence_screenshot: "+tc.value+"\n"))
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want %q", tc.value, err, tc.err)
			}
			continue
		}
		cfg, err := Parse("c.yaml", []byte("database: x.db\nsources:\n  - id: a\n    type: urls\n    urls: [\"https://a.example/\"]\n    evidence_screenshot: "+tc.value+"\n"))
		if err != nil || cfg.Sources[0].EvidenceAlways != tc.want {
			t.Errorf("%s: %v, %v", tc.value, err, cfg)
		}
	}
}
