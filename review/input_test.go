package review_test

// Input hardening (issue 10, defect 8): trailing data after a JSON body,
// bodies over the limit answered 413 before the CSRF check, and no
// directory listing under /static/.

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/casework"
)

func TestInputJSONTrailingData(t *testing.T) {
	e := htNew(t)
	id := e.htSimple("https://trailing.example/a", casework.RouteTakedownCAC)
	cl := e.htLogin("cac")
	path := "/api/cases/" + htID(id) + "/decide"
	hdr := map[string]string{"Content-Type": "application/json", "X-CSRF-Token": cl.csrf}
	for _, tc := range []struct{ name, body string }{
		{"second object", `{"action":"dismiss","reason":"false_positive"}{"action":"reopen"}`},
		{"garbage", `{"action":"dismiss","reason":"false_positive"} garbage`},
		{"stray brace", `{"action":"dismiss","reason":"false_positive"}}`},
		{"second value after newline", "{\"action\":\"dismiss\",\"reason\":\"false_positive\"}\n[1]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := cl.htDo("POST", path, strings.NewReader(tc.body), hdr)
			htExpect(t, tc.name, resp, body, http.StatusBadRequest, "")
			var apiErr struct {
				Error  string `json:"error"`
				Status int    `json:"status"`
			}
			htJSON(t, body, &apiErr)
			if apiErr.Status != http.StatusBadRequest || !strings.Contains(apiErr.Error, "多余内容") {
				t.Errorf("answer = %s, want the trailing data named", body)
			}
			if c := e.htCase(id); c.Status != casework.CaseOpen {
				t.Fatalf("case %s after a body with trailing data", c.Status)
			}
		})
	}
	// One value followed by white space only is a well-formed body.
	resp, body := cl.htDo("POST", path, strings.NewReader("{\"action\":\"dismiss\",\"reason\":\"false_positive\"}\r\n \n"), hdr)
	htExpect(t, "trailing white space", resp, body, http.StatusOK, "")
	if c := e.htCase(id); c.Status != casework.CaseDismissed {
		t.Errorf("case %s after a valid body", c.Status)
	}
}

// htChunked hides a reader's length so that the request goes out with
// chunked transfer coding and no Content-Length.
type htChunked struct{ r io.Reader }

func (c htChunked) Read(p []byte) (int, error) { return c.r.Read(p) }

func TestInputBodyOverLimitIs413(t *testing.T) {
	e := htNew(t)
	id := e.htSimple("https://big.example/a", casework.RouteTakedownCAC)
	cl := e.htLogin("cac")
	path := "/cases/" + htID(id) + "/decide"
	tenMB := strings.Repeat("长", (10<<20)/3)
	form := url.Values{"csrf": {cl.csrf}, "action": {"dismiss"}, "reason": {"false_positive"}, "note": {tenMB}}.Encode()
	formHdr := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	multipart := "--B\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + cl.csrf + "\r\n--B\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n" + tenMB + "\r\n--B--\r\n"
	multipartHdr := map[string]string{"Content-Type": "multipart/form-data; boundary=B"}
	jsonBody := `{"action":"dismiss","reason":"false_positive","note":"` + tenMB + `"}`
	jsonHdr := map[string]string{"Content-Type": "application/json", "X-CSRF-Token": cl.csrf}

	for _, tc := range []struct {
		name   string
		cl     *htClient
		path   string
		body   io.Reader
		hdr    map[string]string
		isJSON bool
	}{
		{"form with length", cl, path, strings.NewReader(form), formHdr, false},
		{"form chunked", cl, path, htChunked{strings.NewReader(form)}, formHdr, false},
		{"JSON with length", cl, "/api" + path, strings.NewReader(jsonBody), jsonHdr, true},
		{"JSON chunked", cl, "/api" + path, htChunked{strings.NewReader(jsonBody)}, jsonHdr, true},
		{"login form chunked", e.htAnon(), "/login", htChunked{strings.NewReader(url.Values{"user": {"cac"}, "password": {tenMB}}.Encode())}, formHdr, false},
		{"login form with length", e.htAnon(), "/login", strings.NewReader(url.Values{"user": {"cac"}, "password": {tenMB}}.Encode()), formHdr, false},
		{"multipart form chunked", cl, path, htChunked{strings.NewReader(multipart)}, multipartHdr, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := tc.cl.htDo("POST", tc.path, tc.body, tc.hdr)
			htExpect(t, tc.name, resp, body, http.StatusRequestEntityTooLarge, "")
			var msg string
			if tc.isJSON {
				var apiErr struct {
					Error  string `json:"error"`
					Status int    `json:"status"`
				}
				htJSON(t, body, &apiErr)
				if apiErr.Status != http.StatusRequestEntityTooLarge {
					t.Errorf("JSON status = %d", apiErr.Status)
				}
				msg = apiErr.Error
			} else {
				msg = htErrorMessage(t, body)
			}
			if !strings.Contains(msg, "请求内容过大") {
				t.Errorf("message %q does not say 请求内容过大: %s", msg, htClip(body))
			}
			if c := e.htCase(id); c.Status != casework.CaseOpen {
				t.Fatalf("case %s after a refused body", c.Status)
			}
		})
	}
	// The session still works, and a form of ordinary size is decided.
	resp, body := cl.htPost(path, url.Values{"action": {"dismiss"}, "reason": {"false_positive"}, "note": {"正常大小"}})
	htExpect(t, "ordinary form", resp, body, http.StatusSeeOther, "")
	if c := e.htCase(id); c.Status != casework.CaseDismissed {
		t.Errorf("case %s after an ordinary form", c.Status)
	}
}

func TestInputStaticHasNoListing(t *testing.T) {
	e := htNew(t)
	anon := e.htAnon()
	for _, p := range []string{"/static/", "/static", "/static/./", "/static//"} {
		resp, body := anon.htGet(p)
		if resp.StatusCode == http.StatusMovedPermanently || resp.StatusCode == http.StatusTemporaryRedirect {
			// The mux cleans the path first; follow it once.
			resp, body = anon.htGet(resp.Header.Get("Location"))
		}
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404: %s", p, resp.StatusCode, htClip(body))
		}
		// A listing links the files by their bare names.
		if strings.Contains(string(body), `href="app.js"`) || strings.Contains(string(body), `href="style.css"`) {
			t.Errorf("GET %s lists the directory: %s", p, htClip(body))
		}
	}
	for _, f := range []string{"/static/app.js", "/static/style.css"} {
		resp, body := anon.htGet(f)
		htExpect(t, f, resp, body, http.StatusOK, "")
		if len(body) == 0 || resp.Header.Get("Cache-Control") != "public, max-age=86400" {
			t.Errorf("GET %s: %d bytes, Cache-Control %q", f, len(body), resp.Header.Get("Cache-Control"))
		}
	}
	resp, body := anon.htGet("/static/missing.js")
	htExpect(t, "missing file", resp, body, http.StatusNotFound, "")
}
