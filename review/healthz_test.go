package review_test

import (
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
)

// TestHealthzReportsAReplacedDatabase: once the database file under the
// server's path is replaced (a backup written over it), /healthz stops
// saying ok, so an operator or a load balancer sees that writes are
// refused.
func TestHealthzReportsAReplacedDatabase(t *testing.T) {
	e := htNew(t)
	get := func() (int, string) {
		resp, err := http.Get(e.srv.URL + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get(); code != http.StatusOK || strings.TrimSpace(body) != "ok" {
		t.Fatalf("healthy: %d %q", code, body)
	}
	path := e.st.Path()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+".copy", data, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(path+".copy", path); err != nil {
		t.Fatal(err)
	}
	code, body := get()
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "数据库异常") {
		t.Errorf("after the file was replaced: %d %q, want 503 naming the problem", code, body)
	}
}
