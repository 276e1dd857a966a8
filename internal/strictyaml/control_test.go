package strictyaml_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/internal/strictyaml"
	"github.com/certwatch/certwatch/rules"
)

// A control character (NUL, ESC, DEL, ...) is refused at its own line and
// column, not at line 0, in configurations and rule packs alike.
func TestControlCharacterLocated(t *testing.T) {
	const cfg = "database: a.db\nuser_agent: \"certwatch\"\n"
	for _, tc := range []struct {
		name, data string
		line, col  int
		char       string
	}{
		{"NUL in a value", "database: a.db\nuser_agent: cert\x00watch\n", 2, 17, "U+0000"},
		{"NUL at the start", "\x00database: a.db\n", 1, 1, "U+0000"},
		{"NUL alone on the last line", cfg + "\x00", 3, 1, "U+0000"},
		{"NUL in a quoted string", "database: a.db\nuser_agent: \"证书\x00\"\n", 2, 16, "U+0000"},
		{"ESC after Chinese text", "database: a.db\n# 注释\nuser_agent: 中文\x1b[31m\n", 3, 15, "U+001B"},
		{"DEL", "database: a.db\n\n\nuser_agent: x\x7f\n", 4, 14, "U+007F"},
		{"C1 control", "database: a.db\nuser_agent: x\u0090\n", 2, 14, "U+0090"},
		{"after CRLF lines", "database: a.db\r\nuser_agent: a\r\n  \x01\r\n", 3, 3, "U+0001"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, kind := range []string{"configuration", "rule pack"} {
				var err error
				if kind == "configuration" {
					_, err = config.Parse("c.yaml", []byte(tc.data))
				} else {
					_, err = rules.Parse("c.yaml", []byte(tc.data))
				}
				var es strictyaml.Errors
				if !errors.As(err, &es) || len(es) != 1 {
					t.Fatalf("%s: want one located error, got %v", kind, err)
				}
				e := es[0]
				if e.File != "c.yaml" || e.Line != tc.line {
					t.Errorf("%s: error at %s:%d, want line %d: %v", kind, e.File, e.Line, tc.line, e)
				}
				want := "column " + strconv.Itoa(tc.col) + ": control character " + tc.char
				if !strings.Contains(e.Msg, want) {
					t.Errorf("%s: message %q, want it to contain %q", kind, e.Msg, want)
				}
			}
		})
	}
	// Characters YAML allows are not reported: tab, NEL, no-break space,
	// CJK, emoji.
	ok := "database: a.db\nuser_agent: \"a\tb\u0085c\u00a0证书🙂\"\n"
	if _, err := config.Parse("ok.yaml", []byte(ok)); err == nil || strings.Contains(err.Error(), "control character") {
		t.Errorf("allowed characters: got %v, want only the missing sources reported", err)
	}
}
