package config

import (
	"fmt"
	"net"
	"net/mail"
	"os"
	"strconv"
	"time"

	"go.yaml.in/yaml/v3"
)

// Notify says where the daily digest goes; both parts are optional.
type Notify struct {
	Webhooks []Webhook
	Email    *Email
	// Retries: a failed delivery is retried with a doubling delay from
	// RetryAfter (default 1m) up to MaxAttempts (default 10) attempts.
	RetryAfter  time.Duration
	MaxAttempts int
}

// Webhook receives the digest as a JSON POST.
type Webhook struct {
	URL     string
	Headers map[string]string
}

// Email sends the digest by SMTP.
type Email struct {
	Host        string // smtp server
	Port        int    // default 587 (25 with tls: none)
	From        string
	To          []string
	Username    string
	PasswordEnv string // the password is read from this environment variable, never from the file
	TLS         string // mandatory (default), opportunistic, none
}

// Password reads the SMTP password from the environment.
func (e *Email) Password() string {
	if e.PasswordEnv == "" {
		return ""
	}
	return os.Getenv(e.PasswordEnv)
}

func (d *decoder) notify(n *yaml.Node, key string, nt *Notify) {
	var hooksNode *yaml.Node
	d.Fields(n, key, map[string]func(*yaml.Node, string){
		"webhooks":     func(v *yaml.Node, k string) { hooksNode = v },
		"email":        func(v *yaml.Node, k string) { nt.Email = d.email(v, k) },
		"retry_after":  func(v *yaml.Node, k string) { d.Duration(v, k, time.Second, 24*time.Hour, &nt.RetryAfter) },
		"max_attempts": func(v *yaml.Node, k string) { d.Int(v, k, 1, 100, &nt.MaxAttempts) },
	})
	if hooksNode != nil && !(hooksNode.Kind == yaml.ScalarNode && hooksNode.Tag == "!!null") {
		d.List(hooksNode, key+".webhooks", func(_ int, c *yaml.Node, ck string) {
			var w Webhook
			d.Fields(c, ck, map[string]func(*yaml.Node, string){
				"url": func(v *yaml.Node, k string) { d.Str(v, k, &w.URL); d.httpURL(v, k, w.URL) },
				"headers": func(v *yaml.Node, k string) {
					if v.Kind != yaml.MappingNode {
						d.Fail(v, k, "must be a mapping of header name to value")
						return
					}
					w.Headers = map[string]string{}
					for i := 0; i+1 < len(v.Content); i += 2 {
						var val string
						d.Str(v.Content[i+1], k+"."+v.Content[i].Value, &val)
						w.Headers[v.Content[i].Value] = val
					}
				},
			}, "url")
			nt.Webhooks = append(nt.Webhooks, w)
		})
	}
}

func (d *decoder) email(n *yaml.Node, key string) *Email {
	e := &Email{TLS: "mandatory"}
	var server string
	d.Fields(n, key, map[string]func(*yaml.Node, string){
		"smtp": func(v *yaml.Node, k string) {
			d.Str(v, k, &server)
			host, port, err := net.SplitHostPort(server)
			p, perr := strconv.Atoi(port)
			if err != nil || host == "" || perr != nil || p <= 0 || p > 65535 {
				d.Fail(v, k, "must be host:port such as smtp.example.gov.cn:587")
				return
			}
			e.Host, e.Port = host, p
		},
		"from": func(v *yaml.Node, k string) {
			d.Str(v, k, &e.From)
			if _, err := mail.ParseAddress(e.From); err != nil {
				d.Fail(v, k, "not an e-mail address: %v", err)
			}
		},
		"to": func(v *yaml.Node, k string) {
			d.StrList(v, k, &e.To)
			for i, a := range e.To {
				if _, err := mail.ParseAddress(a); err != nil {
					d.Fail(v, fmt.Sprintf("%s[%d]", k, i), "not an e-mail address: %v", err)
				}
			}
		},
		"username":     func(v *yaml.Node, k string) { d.Str(v, k, &e.Username) },
		"password_env": func(v *yaml.Node, k string) { d.Str(v, k, &e.PasswordEnv) },
		"tls": func(v *yaml.Node, k string) {
			d.Str(v, k, &e.TLS)
			if e.TLS != "mandatory" && e.TLS != "opportunistic" && e.TLS != "none" {
				d.Fail(v, k, "unknown tls %q (mandatory, opportunistic or none)", e.TLS)
			}
		},
	}, "smtp", "from", "to")
	return e
}
