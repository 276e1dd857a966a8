package review

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/internal/bidi"
	"github.com/certwatch/certwatch/store"
)

var funcs = template.FuncMap{
	// time and date show a moment in Beijing time, kept on one line
	// (class when: a narrow column must not break 2026-03-10 at a hyphen);
	// a time shows its zone (+08:00), so a reader never wonders whose clock.
	"time":  func(t time.Time) template.HTML { return when(t, "2006-01-02 15:04 -07:00") },
	"date":  func(t time.Time) template.HTML { return when(t, "2006-01-02") },
	"score": formatScore,
	// The vocabulary's names (package casework).
	"caseStatus":    casework.CaseStatus.Name,
	"noticeStatus":  casework.NoticeState.Name,
	"noticeMove":    casework.NoticeState.MoveName,
	"outcome":       casework.Outcome.Name,
	"dismissReason": casework.DismissReason.Name,
	"route":         casework.Route.Name,
	"roleName":      casework.Role.Name,
	// Other packages' words, by casework's names; they take any string
	// type (tuning's labels, stored strings).
	"contactKind":  nameOf(casework.ContactKind.Name),
	"label":        nameOf(casework.Label.Name),
	"fetchOutcome": nameOf(casework.FetchOutcome.Name),
	"trouble":      nameOf(casework.SweepTrouble.Name),
	"duration":     casework.Duration,
	// fileName names where a pack or model was read: a file's path, or
	// "程序内置" for one embedded in the program ("embedded:…").
	"fileName": func(f string) string {
		if strings.HasPrefix(f, "embedded:") {
			return "程序内置"
		}
		return f
	},
	"short": shortText,
	"hash12": func(s string) string {
		if len(s) > 12 {
			return s[:12]
		}
		return s
	},
	// webURL returns u for an http(s) URL and "" otherwise, so a crawled
	// javascript: or data: URL never becomes a link.
	"webURL": func(u string) string {
		pu, err := url.Parse(u)
		if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") {
			return ""
		}
		return u
	},
	// query is base with kv set (or deleted when ""), encoded for a link's
	// query part. It is a template.URL so that html/template keeps its =
	// and & rather than escaping the whole string as one value; the
	// flash code (ok) is for the redirect only and is dropped.
	// Keys and values are strings or the vocabulary's string types.
	"query": func(base url.Values, kv ...any) template.URL {
		v := url.Values{}
		for k, vs := range base {
			v[k] = append([]string(nil), vs...)
		}
		v.Del("ok")
		for i := 0; i+1 < len(kv); i += 2 {
			key, val := fmt.Sprint(kv[i]), fmt.Sprint(kv[i+1])
			if val == "" {
				v.Del(key)
			} else {
				v.Set(key, val)
			}
		}
		return template.URL(v.Encode())
	},
	"add":       func(a, b int) int { return a + b },
	"pct":       pct,
	"precision": precision,
	"json": func(v any) string {
		b, _ := json.MarshalIndent(v, "", "  ")
		return string(b)
	},
}

// formatScore is the template function score: one decimal.
func formatScore(f float64) string { return fmt.Sprintf("%.1f", f) }

// when formats t in Beijing time in a <time class="when"> element ("—"
// for the zero time).
func when(t time.Time, layout string) template.HTML {
	if t.IsZero() {
		return "—"
	}
	return template.HTML(`<time class="when" title="北京时间（UTC+8）" datetime="` + t.UTC().Format(time.RFC3339) + `">` +
		t.In(store.Beijing).Format(layout) + `</time>`)
}

// nameOf makes a template function of a vocabulary's Name that takes a
// value of any string type.
func nameOf[T ~string](name func(T) string) func(any) string {
	return func(v any) string { return name(T(fmt.Sprint(v))) }
}

// parseViews parses every page with the layout, once at start-up. A
// file whose name starts with "_" is a partial, not a page: it defines
// templates every page may include ({{template "referral_facts" .}}).
func parseViews() (map[string]*template.Template, error) {
	layout, err := fs.ReadFile(templateFS, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	pages, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	var partials []string
	for _, p := range pages {
		if strings.HasPrefix(path.Base(p), "_") {
			b, err := fs.ReadFile(templateFS, p)
			if err != nil {
				return nil, err
			}
			partials = append(partials, string(b))
		}
	}
	views := map[string]*template.Template{}
	for _, p := range pages {
		name := strings.TrimSuffix(path.Base(p), ".html")
		if name == "layout" || strings.HasPrefix(name, "_") {
			continue
		}
		body, err := fs.ReadFile(templateFS, p)
		if err != nil {
			return nil, err
		}
		t, err := template.New(name).Funcs(funcs).Parse(string(layout))
		for _, part := range partials {
			if err == nil {
				_, err = t.Parse(part)
			}
		}
		if err == nil {
			_, err = t.Parse(string(body))
		}
		if err != nil {
			return nil, fmt.Errorf("review: parse view %s: %w", p, err)
		}
		views[name] = t
	}
	return views, nil
}

// page is what every view gets besides its own data.
type page struct {
	User  *store.User
	CSRF  string
	Nav   string
	Flash string
	Data  any
	Can   map[string]bool
	// ModelWarning says why the learned model is not in use (a banner
	// on every page), "" when it is.
	ModelWarning string
}

// flashes are the messages a redirect may ask for (?ok=code): fixed
// strings, so nothing from a URL is ever shown.
var flashes = map[string]string{
	"confirmed":    "已确认，案件已加入通知草稿。",
	"pending":      "已提交移送，等待审批人审批。",
	"approved":     "已审批通过，案件已加入移送函草稿。",
	"rejected":     "已退回，案件重新进入待审核。",
	"dismissed":    "已排除。",
	"reopened":     "已重新打开。",
	"batch":        "批量操作已完成。",
	"moved":        "通知状态已更新。",
	"checked":      "复查已完成，结果见下表。",
	"user":         "账户已保存。",
	"password":     "密码已修改。",
	"exported":     "证据已导出。",
	"auditok":      "审计日志校验通过：链条完整。",
	"sweepstarted": "巡查已在后台启动。",
	"channel":      "模型通道已切换，对之后开始的巡查和复查生效；已记入审计日志。",
	"auditbroken":  "审计日志校验失败：发现被修改或删除的记录！",
	// Assignment and comments (assign.go).
	"claimed":    "已认领。认领期间他人处理该案件须先接管。",
	"released":   "已释放认领，案件回到公共队列。",
	"reassigned": "已改派。",
	"takenover":  "已接管该案件。",
	"commented":  "评论已添加。",
	// Referral materials (referral.go).
	"hostfacts": "网站技术信息已采集并保存（含 SHA-256），见“移送材料”。",
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, view string, data any) {
	t, ok := s.views[view]
	if !ok {
		s.log.Error("no such view", "view", view)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	p := page{Data: data, Nav: view, Flash: flashes[r.URL.Query().Get("ok")]}
	if u := currentUser(r); u != nil {
		p.User = u
		if s.opts.Detection != nil {
			p.ModelWarning = s.opts.Detection().Warning
		}
		p.CSRF = currentSession(r).CSRF
		p.Can = map[string]bool{
			"cases": allowed(u, permReadCases), "notices": allowed(u, permReadNotices),
			"audit": allowed(u, permAudit), "accounts": allowed(u, permAccounts),
			"decide": allowed(u, permDecide), "export": allowed(u, permExport),
			"rules": allowed(u, permReadRules), "check": allowed(u, permCheck),
			"approve": u.Has(casework.RoleApprover), "sweeps": allowed(u, permSweeps),
			"reports": allowed(u, permReports), "tuning": allowed(u, permTuning),
		}
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, p); err != nil {
		s.log.Error("render", "view", view, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	// Crawled text may carry bidirectional controls (U+202E reverses
	// what follows it); the views' own text has none, so every one in the
	// page came from data and is shown as a visible marker instead.
	_, _ = w.Write(bidi.NeutralizeBytes(buf.Bytes()))
}

// fail answers an error: JSON for the API, a page otherwise.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if isAPI(r) {
		writeJSON(w, status, map[string]any{"error": msg, "status": status})
		return
	}
	title := statusMessages[status]
	if title == "" {
		title = http.StatusText(status)
	}
	s.render(w, r, status, "error", map[string]any{"Status": status, "Title": title, "Message": msg})
}

// failErr answers err with the status the error table gives it.
func (s *Server) failErr(w http.ResponseWriter, r *http.Request, err error) {
	status := httpStatus(err)
	if status == http.StatusInternalServerError {
		s.serverError(w, r, err)
		return
	}
	s.fail(w, r, status, userMessage(err))
}

// userMessage explains an expected error in Chinese.
func userMessage(err error) string {
	if ue, ok := errors.AsType[*userError](err); ok {
		return ue.msg
	}
	switch {
	case errors.Is(err, store.ErrSecondPerson):
		return "移送须由另一名审批人审批：提交移送的人不能审批自己的移送。"
	case errors.Is(err, store.ErrConflict):
		return "该记录的状态已经变化，此操作不再适用（可能已有他人处理）。请刷新后查看。"
	case errors.Is(err, store.ErrNotFound):
		return "未找到该记录。"
	case errors.Is(err, store.ErrExists):
		return "该账户已存在。"
	case errors.Is(err, errTooLarge):
		return fmt.Sprintf("请求内容过大：此操作最多接受 %s，请缩短内容后重试。", sizeText(maxRequestBody))
	case errors.Is(err, store.ErrInvalid), errors.Is(err, errBadRequest):
		return "请求无效：" + err.Error()
	}
	return "操作失败。"
}

func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	s.fail(w, r, http.StatusInternalServerError, "服务器内部错误，已记录日志。")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// redirect answers a form POST: back to target with a flash code.
func redirect(w http.ResponseWriter, r *http.Request, target, flash string) {
	if flash != "" {
		sep := "?"
		if strings.Contains(target, "?") {
			sep = "&"
		}
		target += sep + "ok=" + flash
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}
