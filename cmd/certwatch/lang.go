package main

// The CLI speaks one language at a time: Chinese or English.
//
// The language is, in order: the global flag --lang zh|en; the environment
// variable CERTWATCH_LANG (zh|en); the locale (LC_ALL, else LC_MESSAGES,
// else LANG: a value starting with "zh" is Chinese, one starting with "en"
// is English); otherwise Chinese, the language of the people who use
// certwatch (a server's C or POSIX locale says nothing about its readers).
//
// Messages printed at run time come from one table (messages.go, message
// id → Chinese and English). Help text is written in English beside each
// command, as cobra expects, and its Chinese is in help_zh.go, keyed by the
// command's path and flag name; localize puts it in place before the
// command line is parsed. Tests check that both tables are complete.

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// lang is the language the CLI prints in.
type lang int

const (
	zh lang = iota // Simplified Chinese, the default
	en             // English
)

func (l lang) String() string {
	if l == en {
		return "en"
	}
	return "zh"
}

// errBadLang is a --lang or CERTWATCH_LANG value that is neither zh nor en.
var errBadLang = errors.New("language must be zh or en")

// parseLang reads zh or en (and the usual spellings of them).
func parseLang(s string) (lang, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "zh", "zh-cn", "zh_cn", "cn", "chinese", "中文":
		return zh, true
	case "en", "en-us", "en_us", "english":
		return en, true
	}
	return zh, false
}

// chooseLang picks the language of one command line from its arguments and
// environment (getenv is os.Getenv outside tests).
func chooseLang(args []string, getenv func(string) string) (lang, error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		v, ok := "", false
		switch {
		case a == "--lang" && i+1 < len(args):
			v, ok = args[i+1], true
			i++
		case strings.HasPrefix(a, "--lang="):
			v, ok = strings.TrimPrefix(a, "--lang="), true
		}
		if ok {
			l, good := parseLang(v)
			if !good {
				return zh, fmt.Errorf("--lang %q: %w", v, errBadLang)
			}
			return l, nil
		}
	}
	if v := getenv("CERTWATCH_LANG"); v != "" {
		l, good := parseLang(v)
		if !good {
			return zh, fmt.Errorf("CERTWATCH_LANG=%q: %w", v, errBadLang)
		}
		return l, nil
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := strings.ToLower(getenv(name))
		if v == "" {
			continue
		}
		if strings.HasPrefix(v, "en") {
			return en, nil
		}
		return zh, nil // zh_CN.UTF-8, C, POSIX, C.UTF-8 and the rest
	}
	return zh, nil
}

type langKey struct{}

// withLang records the language in the context every command runs with.
func withLang(ctx context.Context, l lang) context.Context {
	return context.WithValue(ctx, langKey{}, l)
}

// langOf is the language cmd runs in (Chinese when none was recorded).
func langOf(cmd *cobra.Command) lang { return langOfCtx(cmd.Context()) }

// langOfCtx is the language recorded in ctx (Chinese when none was).
func langOfCtx(ctx context.Context) lang {
	if ctx != nil {
		if l, ok := ctx.Value(langKey{}).(lang); ok {
			return l
		}
	}
	return zh
}

// msg prints message id of the table in l, formatted with args. An id not
// in the table prints as itself (TestMessageIDsInTable keeps that from
// happening).
func (l lang) msg(id string, args ...any) string {
	m, ok := messages[id]
	if !ok {
		return id
	}
	format := m.zh
	if l == en {
		format = m.en
	}
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}

// errorf makes an error whose text is message id in l (wrapping any %w).
func (l lang) errorf(id string, args ...any) error {
	m, ok := messages[id]
	if !ok {
		return fmt.Errorf("%s", id)
	}
	format := m.zh
	if l == en {
		format = m.en
	}
	return fmt.Errorf(format, args...)
}

// msgError is an error whose text is a message of the table, made where
// the language is not at hand (helpers without the command); run prints it
// in the chosen language. Error gives the Chinese, the default language.
type msgError struct {
	id   string
	args []any
}

// newMsgError makes a msgError of message id; a %w argument is unwrapped.
func newMsgError(id string, args ...any) error { return &msgError{id: id, args: args} }

func (e *msgError) Error() string { return e.text(zh) }

func (e *msgError) text(l lang) string { return l.errorf(e.id, e.args...).Error() }

func (e *msgError) Unwrap() error { return errors.Unwrap(zh.errorf(e.id, e.args...)) }

// localize puts the Chinese help in place on every command under root when
// l is Chinese, and adds the global --lang flag in both languages.
func localize(root *cobra.Command, l lang) {
	root.PersistentFlags().String("lang", "", "output language: zh (Chinese) or en (English); default: CERTWATCH_LANG, else the locale, else zh")
	root.InitDefaultHelpCmd()
	root.CompletionOptions.HiddenDefaultCmd = true
	root.InitDefaultCompletionCmd()
	if l == en {
		return
	}
	root.SetUsageTemplate(usageTemplateZH)
	root.SetVersionTemplate(`{{with .DisplayName}}{{printf "%s " .}}{{end}}{{printf "版本 %s" .Version}}
`)
	walk(root, func(c *cobra.Command) {
		c.InitDefaultHelpFlag()
		c.InitDefaultVersionFlag()
		path := c.CommandPath()
		if h, ok := helpZH[path]; ok {
			c.Short = h.short
			if h.long != "" || c.Long != "" {
				c.Long = h.long
			}
		}
		visit := func(f *pflag.Flag) {
			switch {
			case f.Name == "help":
				f.Usage = "显示「" + c.DisplayName() + "」的帮助"
			case f.Name == "version":
				f.Usage = "显示版本"
			default:
				if u, ok := flagZH[path+" --"+f.Name]; ok {
					f.Usage = u
				} else if u, ok := flagByEnglish[f.Usage]; ok {
					f.Usage = u
				}
			}
		}
		c.LocalNonPersistentFlags().VisitAll(visit)
		c.PersistentFlags().VisitAll(visit)
	})
}

// walk calls fn on c and every command under it, the help and completion
// commands included.
func walk(c *cobra.Command, fn func(*cobra.Command)) {
	fn(c)
	for _, sub := range c.Commands() {
		walk(sub, fn)
	}
}

// defaultRE finds pflag's "(default …)" at the end of a flag's line.
var defaultRE = regexp.MustCompile(` *\(default (.*)\)$`)

func init() {
	cobra.AddTemplateFunc("zhFlags", func(s string) string {
		lines := strings.Split(s, "\n")
		for i, line := range lines {
			lines[i] = defaultRE.ReplaceAllString(line, "（默认 $1）")
		}
		return strings.Join(lines, "\n")
	})
	cobra.AddTemplateFunc("zhUse", func(s string) string {
		return strings.ReplaceAll(strings.ReplaceAll(s, "[flags]", "[选项]"), "[command]", "[命令]")
	})
}

// usageTemplateZH is cobra's usage template in Chinese.
const usageTemplateZH = `用法：{{if .Runnable}}
  {{zhUse .UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [命令]{{end}}{{if gt (len .Aliases) 0}}

别名：
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

示例：
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

可用命令：{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

选项：
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces | zhFlags}}{{end}}{{if .HasAvailableInheritedFlags}}

全局选项：
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces | zhFlags}}{{end}}{{if .HasHelpSubCommands}}

其他帮助主题：{{range .Commands}}{{if .IsAdditionalHelpTopicCommand}}
  {{rpad .CommandPath .CommandPathPadding}} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableSubCommands}}

运行 "{{.CommandPath}} [命令] --help" 查看某个命令的详细说明。{{end}}
`

// cobraErrorsZH turns the errors cobra itself makes (unknown commands and
// flags, wrong argument counts) into Chinese.
var cobraErrorsZH = []struct {
	re   *regexp.Regexp
	repl string
}{
	{regexp.MustCompile(`^unknown command (".*?") for (".*?")`), `未知命令 $1（在 $2 中）`},
	{regexp.MustCompile(`^unknown flag: (.*)`), `未知选项：$1`},
	{regexp.MustCompile(`^unknown shorthand flag: '(.)' in (.*)`), `未知短选项 '$1'（在 $2 中）`},
	{regexp.MustCompile(`^flag needs an argument: (.*)`), `选项缺少取值：$1`},
	{regexp.MustCompile(`^invalid argument (".*?") for (".*?") flag: (.*)`), `选项 $2 的取值 $1 无效：$3`},
	{regexp.MustCompile(`^required flag\(s\) (.*) not set`), `缺少必需的选项：$1`},
	{regexp.MustCompile(`^if any flags in the group \[(.*?)\] are set they must all be set; missing \[(.*?)\]`), `选项 $1 须一起使用，缺少 $2`},
	{regexp.MustCompile(`^if any flags in the group \[(.*?)\] are set none of the others can be; \[(.*?)\] were all set`), `选项 $1 不能同时使用，却同时给出了 $2`},
	{regexp.MustCompile(`^accepts (\d+) arg\(s\), received (\d+)`), `需要 $1 个参数，实际给了 $2 个`},
	{regexp.MustCompile(`^accepts between (\d+) and (\d+) arg\(s\), received (\d+)`), `需要 $1 到 $2 个参数，实际给了 $3 个`},
	{regexp.MustCompile(`^requires at least (\d+) arg\(s\), only received (\d+)`), `至少需要 $1 个参数，实际只给了 $2 个`},
	{regexp.MustCompile(`^accepts at most (\d+) arg\(s\), received (\d+)`), `最多接受 $1 个参数，实际给了 $2 个`},
	{regexp.MustCompile(`\n\nDid you mean this\?\n`), "\n\n您是不是要输入：\n"},
}

// errorText is what the user reads for err in l: cobra's own messages in
// Chinese when l is Chinese; the CLI's own errors are already in l.
func errorText(err error, l lang) string {
	if me, ok := err.(*msgError); ok {
		return me.text(l)
	}
	s := err.Error()
	if l == en {
		return s
	}
	for _, r := range cobraErrorsZH {
		s = r.re.ReplaceAllString(s, r.repl)
	}
	return s
}
