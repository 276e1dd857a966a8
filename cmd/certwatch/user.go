package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/internal/beijing"
	"github.com/certwatch/certwatch/review"
	"github.com/certwatch/certwatch/store"
)

// cliActor names the person at the terminal in the audit log.
func cliActor() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return "cli:" + u.Username
	}
	return "cli"
}

// readPassword asks twice on a terminal (without echo); from a pipe it
// reads one line.
func readPassword(cmd *cobra.Command, name string) (string, error) {
	in := cmd.InOrStdin()
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(cmd.ErrOrStderr(), langOf(cmd).msg("user.password.prompt", name, review.MinPasswordLength))
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(cmd.ErrOrStderr())
		if err != nil {
			return "", err
		}
		fmt.Fprint(cmd.ErrOrStderr(), langOf(cmd).msg("user.password.again"))
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(cmd.ErrOrStderr())
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", langOf(cmd).errorf("user.password.differ")
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(io.LimitReader(in, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", langOf(cmd).errorf("user.password.none")
	}
	return line, nil
}

func newUserCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "user", Short: "Manage review accounts (add, passwd, disable, enable, roles, list)",
		Long: `Manage the local accounts of the review UI. There is no default account: create the
first administrator with "certwatch user add NAME --role admin". Passwords are read
from the terminal without echo, or as one line from standard input. Roles:
reviewer_cac (网信办审核员), reviewer_samr (市场监管审核员), analyst (规则分析员),
approver (审批人), admin (系统管理员). These commands open the database
themselves; while "certwatch serve" runs, manage accounts in its UI instead.`}
	var o dbOptions
	var roles, display string
	add := &cobra.Command{
		Use: "add NAME --role ROLE[,ROLE]", Short: "Create an account", Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			rs, err := casework.ParseRoles(roles)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			pw, err := readPassword(cmd, args[0])
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			if err := checkPassword(langOf(cmd), args[0], pw); err != nil {
				return &exitError{code: 1, err: err}
			}
			hash, err := review.HashPassword(pw)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			st, err := o.open(false)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			defer st.Close()
			if err := st.CreateUser(cliActor(), store.User{Name: args[0], DisplayName: display, Roles: rs, PasswordHash: hash}); err != nil {
				return &exitError{code: 1, err: err}
			}
			fmt.Fprintln(cmd.OutOrStdout(), langOf(cmd).msg("user.added", args[0], roleNames(langOf(cmd), rs)))
			return nil
		},
	}
	o.flags(add)
	add.Flags().StringVar(&roles, "role", "", "roles, comma-separated (required)")
	add.Flags().StringVar(&display, "name", "", "display name, e.g. 张三")
	_ = add.MarkFlagRequired("role")

	change := func(use, short string, needsInput bool, mk func(cmd *cobra.Command, name string) (store.UserChange, error)) *cobra.Command {
		var o dbOptions
		c := &cobra.Command{Use: use, Short: short, Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				ch, err := mk(cmd, args[0])
				if err != nil {
					return &exitError{code: 1, err: err}
				}
				st, err := o.open(false)
				if err != nil {
					return &exitError{code: 1, err: err}
				}
				defer st.Close()
				if _, err := st.UpdateUser(cliActor(), args[0], ch); err != nil {
					return &exitError{code: 1, err: err}
				}
				fmt.Fprintln(cmd.OutOrStdout(), langOf(cmd).msg("user.done", args[0]))
				return nil
			}}
		o.flags(c)
		return c
	}
	passwd := change("passwd NAME", "Set an account's password (ends its sessions)", true, func(cmd *cobra.Command, name string) (store.UserChange, error) {
		pw, err := readPassword(cmd, name)
		if err == nil {
			err = checkPassword(langOf(cmd), name, pw)
		}
		if err != nil {
			return store.UserChange{}, err
		}
		hash, err := review.HashPassword(pw)
		return store.UserChange{PasswordHash: &hash}, err
	})
	yes, no := true, false
	disable := change("disable NAME", "Disable an account (ends its sessions)", false, func(*cobra.Command, string) (store.UserChange, error) {
		return store.UserChange{Disabled: &yes}, nil
	})
	enable := change("enable NAME", "Enable a disabled account", false, func(*cobra.Command, string) (store.UserChange, error) {
		return store.UserChange{Disabled: &no}, nil
	})
	var newRoles string
	setRoles := change("roles NAME --role ROLE[,ROLE]", "Replace an account's roles", false, func(*cobra.Command, string) (store.UserChange, error) {
		rs, err := casework.ParseRoles(newRoles)
		return store.UserChange{Roles: rs}, err
	})
	setRoles.Flags().StringVar(&newRoles, "role", "", "roles, comma-separated (required)")
	_ = setRoles.MarkFlagRequired("role")

	var lo dbOptions
	list := &cobra.Command{Use: "list", Short: "List accounts", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := lo.open(true)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			defer st.Close()
			us, err := st.Users()
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			tw, l := newTable(cmd.OutOrStdout(), false), langOf(cmd)
			fmt.Fprintln(tw, l.msg("user.header"))
			for _, u := range us {
				disabled := fmt.Sprint(u.Disabled)
				if l == zh {
					disabled = yesNo(l, u.Disabled)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Name, safe(u.DisplayName), roleNames(l, u.Roles), disabled, beijing.Minute(u.PasswordSet))
			}
			return tw.Flush()
		}}
	lo.flags(list)
	cmd.AddCommand(add, passwd, disable, enable, setRoles, list)
	return cmd
}

// checkPassword applies review's password policy and says why a password
// is refused in l.
func checkPassword(l lang, name, pw string) error {
	err := review.CheckPasswordPolicy(name, pw)
	switch {
	case err == nil:
		return nil
	case utf8.RuneCountInString(pw) < review.MinPasswordLength:
		return l.errorf("user.password.short", review.MinPasswordLength)
	case len(pw) > 256:
		return l.errorf("user.password.long")
	case strings.EqualFold(pw, name):
		return l.errorf("user.password.name")
	}
	return err
}

// roleNames lists roles for people: their Chinese names in Chinese, their
// ids (what --role takes) in English.
func roleNames(l lang, roles []casework.Role) string {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = string(r)
		if l == zh {
			names[i] = r.Name()
		}
	}
	if l == zh {
		return strings.Join(names, "、")
	}
	return strings.Join(names, ",")
}
