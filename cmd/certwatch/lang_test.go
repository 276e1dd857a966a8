package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The tests written before the CLI spoke one language at a time assert on
// its English; they run in English unless the environment says otherwise.
// The tests below choose their language explicitly.
func init() {
	if os.Getenv("CERTWATCH_LANG") == "" {
		os.Setenv("CERTWATCH_LANG", "en")
	}
}

func TestChooseLang(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want lang
		bad  bool
	}{
		{"nothing set: Chinese", nil, nil, zh, false},
		{"flag en", []string{"scan", "--lang", "en", "x.html"}, map[string]string{"LANG": "zh_CN.UTF-8"}, en, false},
		{"flag= zh beats env", []string{"--lang=zh", "scan"}, map[string]string{"CERTWATCH_LANG": "en"}, zh, false},
		{"flag after -- is an argument", []string{"scan", "--", "--lang=en"}, nil, zh, false},
		{"bad flag", []string{"--lang", "fr"}, nil, zh, true},
		{"CERTWATCH_LANG en beats locale", nil, map[string]string{"CERTWATCH_LANG": "en", "LANG": "zh_CN.UTF-8"}, en, false},
		{"bad CERTWATCH_LANG", nil, map[string]string{"CERTWATCH_LANG": "de"}, zh, true},
		{"LANG en_US", nil, map[string]string{"LANG": "en_US.UTF-8"}, en, false},
		{"LANG zh_CN", nil, map[string]string{"LANG": "zh_CN.UTF-8"}, zh, false},
		{"LC_ALL beats LANG", nil, map[string]string{"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, zh, false},
		{"LC_MESSAGES beats LANG", nil, map[string]string{"LC_MESSAGES": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, en, false},
		{"C locale: Chinese", nil, map[string]string{"LANG": "C.UTF-8"}, zh, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := chooseLang(tc.args, func(k string) string { return tc.env[k] })
			if (err != nil) != tc.bad {
				t.Fatalf("chooseLang error = %v, want error %v", err, tc.bad)
			}
			if !tc.bad && got != tc.want {
				t.Errorf("chooseLang = %v, want %v", got, tc.want)
			}
		})
	}
}

// eachFlag calls fn on the flags c defines (not the inherited ones).
func eachFlag(c *cobra.Command, fn func(*pflag.Flag)) {
	c.LocalNonPersistentFlags().VisitAll(fn)
	c.PersistentFlags().VisitAll(fn)
}

// TestHelpTablesComplete: every command and flag has its Chinese, a command
// with a long English description has a long Chinese one, and the tables
// hold nothing for commands or flags that do not exist.
func TestHelpTablesComplete(t *testing.T) {
	root := newRoot(nil, nil, nil)
	localize(root, en)
	seenCmd, seenFlag := map[string]bool{}, map[string]bool{}
	walk(root, func(c *cobra.Command) {
		path := c.CommandPath()
		if strings.HasPrefix(path, "certwatch completion") {
			return // hidden; cobra's own English
		}
		c.InitDefaultHelpFlag()
		h, ok := helpZH[path]
		seenCmd[path] = true
		switch {
		case !ok:
			t.Errorf("%s: no Chinese help in helpZH", path)
		case h.short == "" || !hasHan(h.short):
			t.Errorf("%s: Chinese summary %q", path, h.short)
		case (c.Long == "") != (h.long == ""):
			t.Errorf("%s: English long help %d bytes, Chinese %d", path, len(c.Long), len(h.long))
		}
		if hasHan(c.Short) {
			t.Errorf("%s: English summary has Chinese in it: %q (put it in helpZH)", path, c.Short)
		}
		eachFlag(c, func(f *pflag.Flag) {
			if f.Name == "help" || f.Name == "version" {
				return
			}
			key := path + " --" + f.Name
			if _, ok := flagZH[key]; ok {
				seenFlag[key] = true
			} else if _, ok := flagByEnglish[f.Usage]; !ok {
				t.Errorf("%s: no Chinese for the flag (English: %q)", key, f.Usage)
			}
		})
	})
	for k := range helpZH {
		if !seenCmd[k] {
			t.Errorf("helpZH[%q]: no such command", k)
		}
	}
	for k := range flagZH {
		if !seenFlag[k] {
			t.Errorf("flagZH[%q]: no such flag", k)
		}
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// TestHelpInChosenLanguage runs certwatch --help and a few commands' help
// in each language, chosen each way, and checks that what comes out is in
// that language only.
func TestHelpInChosenLanguage(t *testing.T) {
	cmds := [][]string{{"--help"}, {"scan", "--help"}, {"user", "add", "--help"}, {"report", "--help"}, {"db", "status", "--help"}, {"help", "audit"}}
	for _, tc := range []struct {
		name  string
		flags []string
		env   map[string]string
		want  lang
	}{
		{"--lang zh", []string{"--lang", "zh"}, map[string]string{"LANG": "en_US.UTF-8"}, zh},
		{"--lang=en", []string{"--lang=en"}, map[string]string{"LANG": "zh_CN.UTF-8"}, en},
		{"CERTWATCH_LANG=en", nil, map[string]string{"CERTWATCH_LANG": "en"}, en},
		{"LANG=zh_CN.UTF-8", nil, map[string]string{"CERTWATCH_LANG": "", "LANG": "zh_CN.UTF-8"}, zh},
		{"LC_ALL=en_US.UTF-8", nil, map[string]string{"CERTWATCH_LANG": "", "LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, en},
		{"nothing: Chinese", nil, map[string]string{"CERTWATCH_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}, zh},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, k := range []string{"CERTWATCH_LANG", "LC_ALL", "LC_MESSAGES", "LANG"} {
				t.Setenv(k, tc.env[k])
			}
			for _, args := range cmds {
				code, out, errOut := runCLI(t, "", append(append([]string{}, tc.flags...), args...)...)
				if code != 0 || errOut != "" {
					t.Fatalf("%v: exit %d, stderr %q", args, code, errOut)
				}
				root := newRoot(nil, nil, nil)
				localize(root, en)
				c, _, err := root.Find(args)
				if err != nil {
					t.Fatal(err)
				}
				path := c.CommandPath()
				if args[0] == "help" {
					path = "certwatch " + args[1]
					c, _, _ = root.Find(args[1:])
				}
				// The help shows the long description when there is one.
				zhText, enText := helpZH[path].short, c.Short
				if c.Long != "" {
					zhText, enText = firstLine(helpZH[path].long), firstLine(c.Long)
				}
				want, bad := []string{"用法：", zhText}, []string{"Usage:", "Flags:", "help for", enText}
				if tc.want == en {
					want, bad = []string{"Usage:", "Flags:", enText}, []string{"用法", "选项", zhText}
				}
				for _, w := range want {
					if !strings.Contains(out, w) {
						t.Errorf("%v in %v lacks %q:\n%s", args, tc.want, w, out)
					}
				}
				for _, b := range bad {
					if strings.Contains(out, b) {
						t.Errorf("%v in %v has %q of the other language:\n%s", args, tc.want, b, out)
					}
				}
			}
		})
	}
}

// TestErrorsInChosenLanguage: cobra's own errors and the CLI's come out in
// the chosen language.
func TestErrorsInChosenLanguage(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		zh, en string
	}{
		{[]string{"scna"}, `未知命令 "scna"`, `unknown command "scna"`},
		{[]string{"cases", "list", "--nope"}, "未知选项：--nope", "unknown flag: --nope"},
		{[]string{"user", "add"}, "需要 1 个参数，实际给了 0 个", "accepts 1 arg(s), received 0"},
		{[]string{"report", "--limit=x"}, "未知选项：--limit", "unknown flag: --limit"},
	} {
		for _, l := range []lang{zh, en} {
			t.Run(strings.Join(tc.args, " ")+" "+l.String(), func(t *testing.T) {
				code, _, errOut := runCLI(t, "", append([]string{"--lang", l.String()}, tc.args...)...)
				want, other := tc.zh, tc.en
				if l == en {
					want, other = tc.en, tc.zh
				}
				if code == 0 || !strings.Contains(errOut, want) || strings.Contains(errOut, other) {
					t.Errorf("exit %d, stderr %q: want %q", code, errOut, want)
				}
			})
		}
	}
	// The CLI's own refusals too: a short password, before any database.
	db := filepath.Join(t.TempDir(), "u.db")
	if code, _, errOut := runCLI(t, "short\n", "--lang", "zh", "user", "add", "x", "--role", "admin", "--db", db); code != 1 || !strings.Contains(errOut, "密码至少需要 10 个字符") {
		t.Errorf("short password in Chinese: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "short\n", "--lang", "en", "user", "add", "x", "--role", "admin", "--db", db); code != 1 || !strings.Contains(errOut, "at least 10 characters") {
		t.Errorf("short password in English: exit %d, %q", code, errOut)
	}
	code, _, errOut := runCLI(t, "", "--lang", "fr", "scan")
	if code != 2 || !strings.Contains(errOut, "zh") || !strings.Contains(errOut, "en") {
		t.Errorf("--lang fr: exit %d, stderr %q", code, errOut)
	}
}

// TestScanTextInChosenLanguage: the scan report a person reads comes out
// in one language.
func TestScanTextInChosenLanguage(t *testing.T) {
	in := `{"url": "https://x.example/a", "html": "<title>电工证 免考</title><p>电工证 免考 包过 直接拿证 加微信 abc12345</p>"}` + "\n"
	code, out, errOut := runCLI(t, in, "--lang", "zh", "scan", "--format", "text", "-")
	if code != 0 || !strings.Contains(out, "已标记") || !strings.Contains(out, "扫描了 1 个页面，标记 1 个") || !strings.Contains(out, "标题：") ||
		!strings.Contains(out, "微信") {
		t.Errorf("Chinese: exit %d\n%s%s", code, out, errOut)
	}
	for _, en := range []string{"FLAGGED", "pages scanned", "title:", "contacts:", "rules:"} {
		if strings.Contains(out, en) {
			t.Errorf("Chinese output has %q:\n%s", en, out)
		}
	}
	code, out, _ = runCLI(t, in, "--lang", "en", "scan", "--format", "text", "-")
	if code != 0 || !strings.Contains(out, "FLAGGED") || !strings.Contains(out, "1 pages scanned, 1 flagged") || strings.Contains(out, "扫描了") {
		t.Errorf("English: exit %d\n%s", code, out)
	}
}

// TestAccountsAndAuditInChosenLanguage: user and audit listings name
// roles, actions and objects in Chinese, ids in English, and print times in
// Beijing time with the zone whatever TZ is.
func TestAccountsAndAuditInChosenLanguage(t *testing.T) {
	t.Setenv("TZ", "UTC")
	db := filepath.Join(t.TempDir(), "a.db")
	code, out, errOut := runCLI(t, "longenough123\n", "--lang", "zh", "user", "add", "alice", "--role", "admin,approver", "--db", db)
	if code != 0 || !strings.Contains(out, "已添加账户 alice（角色：系统管理员、审批人）") {
		t.Fatalf("user add: exit %d\n%s%s", code, out, errOut)
	}
	_, zhList, _ := runCLI(t, "", "--lang", "zh", "user", "list", "--db", db)
	_, zhAudit, _ := runCLI(t, "", "--lang", "zh", "audit", "list", "--db", db)
	_, enAudit, _ := runCLI(t, "", "--lang", "en", "audit", "list", "--db", db)
	when := regexp.MustCompile(`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+08:00`)
	switch {
	case !strings.Contains(zhList, "系统管理员、审批人") || !strings.Contains(zhList, "否"):
		t.Errorf("user list in Chinese:\n%s", zhList)
	case !strings.Contains(zhAudit, "用户 alice") || strings.Contains(zhAudit, "user.add") || !when.MatchString(zhAudit):
		t.Errorf("audit list in Chinese:\n%s", zhAudit)
	case !strings.Contains(enAudit, "user.add") || !strings.Contains(enAudit, "user:alice") || !when.MatchString(enAudit):
		t.Errorf("audit list in English:\n%s", enAudit)
	}
}

// verbs finds a format's verbs (%d, %s, %[2]v, %w …).
var verbs = regexp.MustCompile(`%[-+# 0-9.*]*(?:\[(\d+)\])?[-+# 0-9.*]*([a-zA-Z%])`)

// argVerbs says which verb takes each argument (1-based), explicit
// indexes (%[2]d) included: the Chinese may order its arguments otherwise.
func argVerbs(format string) string {
	byArg := map[int]string{}
	n := 0
	for _, m := range verbs.FindAllStringSubmatch(format, -1) {
		if m[2] == "%" {
			continue
		}
		if m[1] != "" {
			n, _ = strconv.Atoi(m[1])
		} else {
			n++
		}
		byArg[n] = m[2]
	}
	var out []string
	for i := 1; i <= len(byArg); i++ {
		out = append(out, byArg[i])
	}
	return strings.Join(out, " ")
}

// TestMessagesBothLanguages: every message has its Chinese and its English,
// taking the same arguments in the same order.
func TestMessagesBothLanguages(t *testing.T) {
	if len(messages) == 0 {
		t.Fatal("the message table is empty")
	}
	for id, m := range messages {
		if m.zh == "" || m.en == "" {
			t.Errorf("%s: zh %q, en %q: both needed", id, m.zh, m.en)
			continue
		}
		if !hasHan(m.zh) && !strings.ContainsFunc(m.zh, func(r rune) bool { return r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef }) {
			t.Errorf("%s: the Chinese %q has neither Chinese words nor Chinese punctuation", id, m.zh)
		}
		if hasHan(m.en) && !strings.ContainsAny(m.en, "%") {
			t.Errorf("%s: the English %q has Chinese in it", id, m.en)
		}
		zv, ev := argVerbs(m.zh), argVerbs(m.en)
		if zv != ev {
			t.Errorf("%s: Chinese takes %q, English %q", id, zv, ev)
		}
	}
}

// TestMessageIDsInTable: every l.msg("id") and l.errorf("id") in the
// package names a message of the table, and every message is used.
func TestMessageIDsInTable(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			fn := ""
			switch f := call.Fun.(type) {
			case *ast.SelectorExpr:
				fn = f.Sel.Name
			case *ast.Ident:
				fn = f.Name
			}
			if fn != "msg" && fn != "errorf" && fn != "newMsgError" {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				if name != "lang.go" { // msgError passes its id on
					t.Errorf("%s: %s with a message id that is not a literal", fset.Position(call.Pos()), fn)
				}
				return true
			}
			id, _ := strconv.Unquote(lit.Value)
			used[id] = true
			if _, ok := messages[id]; !ok {
				t.Errorf("%s: message %q is not in the table", fset.Position(call.Pos()), id)
			}
			return true
		})
	}
	for id := range messages {
		if !used[id] {
			t.Errorf("message %q is in the table but never used", id)
		}
	}
}
