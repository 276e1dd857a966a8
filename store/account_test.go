package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
)

// testHash stands in for an encoded password hash; its marker must never
// reach the audit log.
func testHash(n int) string {
	return fmt.Sprintf("$argon2id$v=19$m=65536,t=3,p=2$c2FsdHNhbHQ$SECRETHASH%d", n)
}

func TestCreateUser(t *testing.T) {
	s, clock := openTest(t)
	roles := []casework.Role{casework.RoleReviewerCAC}
	tests := []struct {
		name    string
		u       User
		wantErr error // nil: any error when bad is set
		bad     bool
	}{
		{name: "plain", u: User{Name: "alice", DisplayName: "张三", Roles: roles, PasswordHash: testHash(1)}},
		{name: "all allowed characters", u: User{Name: "Li.Si_2-x@cac", Roles: []casework.Role{casework.RoleAdmin, casework.RoleApprover}, PasswordHash: testHash(2)}},
		{name: "64 characters", u: User{Name: strings.Repeat("a", 64), Roles: roles, PasswordHash: testHash(3)}},
		{name: "65 characters", u: User{Name: strings.Repeat("b", 65), Roles: roles, PasswordHash: testHash(4)}, bad: true},
		{name: "empty name", u: User{Roles: roles, PasswordHash: testHash(5)}, bad: true},
		{name: "Chinese name", u: User{Name: "张三", Roles: roles, PasswordHash: testHash(6)}, bad: true},
		{name: "space", u: User{Name: "a b", Roles: roles, PasswordHash: testHash(7)}, bad: true},
		{name: "slash", u: User{Name: "a/b", Roles: roles, PasswordHash: testHash(8)}, bad: true},
		{name: "colon", u: User{Name: "cli:alice", Roles: roles, PasswordHash: testHash(9)}, bad: true},
		{name: "newline", u: User{Name: "eve\nadmin", Roles: roles, PasswordHash: testHash(10)}, bad: true},
		{name: "no roles", u: User{Name: "noroles", PasswordHash: testHash(11)}, bad: true},
		{name: "empty roles", u: User{Name: "noroles2", Roles: []casework.Role{}, PasswordHash: testHash(12)}, bad: true},
		{name: "no password hash", u: User{Name: "nohash", Roles: roles}, bad: true},
		{name: "duplicate", u: User{Name: "alice", Roles: []casework.Role{casework.RoleAdmin}, PasswordHash: testHash(13)}, bad: true, wantErr: ErrExists},
	}
	created := map[string]User{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock.Add(time.Minute)
			entries := auditLen(t, s)
			err := s.CreateUser("root", tt.u)
			if tt.bad {
				if err == nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
					t.Fatalf("CreateUser(%q): %v, want an error (%v)", tt.u.Name, err, tt.wantErr)
				}
				if errors.Is(err, ErrExists) != (tt.wantErr == ErrExists) {
					t.Errorf("CreateUser(%q): %v; ErrExists only for a duplicate", tt.u.Name, err)
				}
				if auditLen(t, s) != entries {
					t.Error("refused CreateUser was audited")
				}
				if tt.wantErr == ErrExists {
					if u, _ := s.User(tt.u.Name); u.PasswordHash != created[tt.u.Name].PasswordHash || !slices.Equal(u.Roles, created[tt.u.Name].Roles) {
						t.Errorf("duplicate CreateUser changed the account: %+v", u)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("CreateUser(%q): %v", tt.u.Name, err)
			}
			u, err := s.User(tt.u.Name)
			if err != nil {
				t.Fatal(err)
			}
			now := clock.Now()
			if u.Name != tt.u.Name || u.DisplayName != tt.u.DisplayName || !slices.Equal(u.Roles, tt.u.Roles) || u.PasswordHash != tt.u.PasswordHash ||
				u.Disabled || !u.Created.Equal(now) || !u.Updated.Equal(now) || !u.PasswordSet.Equal(now) {
				t.Errorf("stored %+v, want %+v created at %v", u, tt.u, now)
			}
			created[u.Name] = *u
			e, _ := s.AuditEntries(AuditFilter{Limit: 1})
			if auditLen(t, s) != entries+1 || e[0].Action != "user.add" || e[0].Actor != "root" || e[0].Object != "user:"+u.Name ||
				e[0].Detail != "roles="+joinRoles(u.Roles) {
				t.Errorf("audit entry %+v", e[0])
			}
		})
	}
	t.Run("Users by name", func(t *testing.T) {
		users, err := s.Users()
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, u := range users {
			names = append(names, u.Name)
		}
		want := []string{"Li.Si_2-x@cac", strings.Repeat("a", 64), "alice"}
		if !slices.Equal(names, want) {
			t.Errorf("Users = %v, want %v", names, want)
		}
	})
	t.Run("User not found", func(t *testing.T) {
		if u, err := s.User("nobody"); !errors.Is(err, ErrNotFound) {
			t.Errorf("User(nobody) = %+v, %v", u, err)
		}
	})
	t.Run("Has and Label", func(t *testing.T) {
		u, _ := s.User("Li.Si_2-x@cac")
		if !u.Has(casework.RoleAdmin) || !u.Has(casework.RoleApprover) || u.Has(casework.RoleAnalyst) || u.Label() != "Li.Si_2-x@cac" {
			t.Errorf("user %+v: Has/Label wrong", u)
		}
		if a, _ := s.User("alice"); a.Label() != "张三" {
			t.Errorf("Label = %q", a.Label())
		}
	})
}

func TestParseRoles(t *testing.T) {
	tests := []struct {
		in      string
		want    []casework.Role
		wantErr string
	}{
		{"admin", []casework.Role{casework.RoleAdmin}, ""},
		{" reviewer_cac , approver ", []casework.Role{casework.RoleReviewerCAC, casework.RoleApprover}, ""},
		{"approver,approver,admin,approver", []casework.Role{casework.RoleApprover, casework.RoleAdmin}, ""},
		{"analyst,,", []casework.Role{casework.RoleAnalyst}, ""},
		{"reviewer_samr,reviewer_cac,analyst,approver,admin", []casework.Role{casework.RoleReviewerSAMR, casework.RoleReviewerCAC, casework.RoleAnalyst, casework.RoleApprover, casework.RoleAdmin}, ""},
		{"", nil, "no role"},
		{" , ,", nil, "no role"},
		{"root", nil, `unknown role "root"`},
		{"admin,root", nil, `unknown role "root"`},
		{"Admin", nil, `unknown role "Admin"`},
		{"admin approver", nil, "unknown role"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.in), func(t *testing.T) {
			got, err := casework.ParseRoles(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || got != nil {
					t.Errorf("casework.ParseRoles = %v, %v; want error %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("casework.ParseRoles = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
	for _, r := range casework.Roles {
		if r.Name() == string(r) {
			t.Errorf("role %s has no name", r)
		}
	}
}

func TestUpdateUser(t *testing.T) {
	newHash, yes, no, display := testHash(99), true, false, "李四"
	tests := []struct {
		name          string
		ch            UserChange
		endsSessions  bool
		wantDetail    string
		check         func(t *testing.T, u *User, now time.Time)
		disabledFirst bool // alice is disabled before the change
	}{
		{name: "password", ch: UserChange{PasswordHash: &newHash}, endsSessions: true, wantDetail: "password",
			check: func(t *testing.T, u *User, now time.Time) {
				if u.PasswordHash != newHash || !u.PasswordSet.Equal(now) {
					t.Errorf("password hash %q set %v", u.PasswordHash, u.PasswordSet)
				}
			}},
		{name: "disable", ch: UserChange{Disabled: &yes}, endsSessions: true, wantDetail: "disabled=true",
			check: func(t *testing.T, u *User, now time.Time) {
				if !u.Disabled {
					t.Error("not disabled")
				}
			}},
		{name: "enable", ch: UserChange{Disabled: &no}, disabledFirst: true, wantDetail: "disabled=false",
			check: func(t *testing.T, u *User, now time.Time) {
				if u.Disabled {
					t.Error("still disabled")
				}
			}},
		{name: "roles", ch: UserChange{Roles: []casework.Role{casework.RoleApprover, casework.RoleAdmin}}, wantDetail: "roles=approver, admin",
			check: func(t *testing.T, u *User, now time.Time) {
				if !slices.Equal(u.Roles, []casework.Role{casework.RoleApprover, casework.RoleAdmin}) || u.PasswordHash != testHash(1) || !u.PasswordSet.Before(now) {
					t.Errorf("after a role change: %+v", u)
				}
			}},
		{name: "display name", ch: UserChange{DisplayName: &display}, wantDetail: "display name",
			check: func(t *testing.T, u *User, now time.Time) {
				if u.DisplayName != display {
					t.Errorf("display name %q", u.DisplayName)
				}
			}},
		{name: "password and roles", ch: UserChange{PasswordHash: &newHash, Roles: []casework.Role{casework.RoleAnalyst}}, endsSessions: true,
			wantDetail: "password; roles=analyst"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, clock := openTest(t)
			for i, name := range []string{"alice", "bob"} {
				if err := s.CreateUser("root", User{Name: name, Roles: []casework.Role{casework.RoleReviewerCAC}, PasswordHash: testHash(i + 1)}); err != nil {
					t.Fatal(err)
				}
			}
			if tt.disabledFirst {
				if _, err := s.UpdateUser("root", "alice", UserChange{Disabled: &yes}); err != nil {
					t.Fatal(err)
				}
			}
			exp := clock.Now().Add(12 * time.Hour)
			sessions := map[string]string{"tok-a1": "alice", "tok-a2": "alice", "tok-b1": "bob"}
			for tok, user := range sessions {
				if err := s.CreateSession(Session{TokenHash: tok, User: user, CSRF: "csrf-" + tok, Created: clock.Now(), Expires: exp}); err != nil {
					t.Fatal(err)
				}
			}
			bobBefore, _ := s.User("bob")
			clock.Add(time.Hour)
			now := clock.Now()

			u, err := s.UpdateUser("root", "alice", tt.ch)
			if err != nil {
				t.Fatal(err)
			}
			stored, _ := s.User("alice")
			if fmt.Sprint(stored) != fmt.Sprint(u) {
				t.Errorf("returned %+v, stored %+v", u, stored)
			}
			if !stored.Updated.Equal(now) || !stored.Created.Before(now) {
				t.Errorf("updated %v created %v, want updated at %v", stored.Updated, stored.Created, now)
			}
			if tt.check != nil {
				tt.check(t, stored, now)
			}
			for tok, user := range sessions {
				sess, err := s.Session(tok)
				gone := user == "alice" && tt.endsSessions
				if gone && !errors.Is(err, ErrNotFound) {
					t.Errorf("session %s of %s survived: %+v, %v", tok, user, sess, err)
				}
				if !gone && (err != nil || sess.User != user || sess.CSRF != "csrf-"+tok) {
					t.Errorf("session %s of %s = %+v, %v; want kept", tok, user, sess, err)
				}
			}
			if bob, _ := s.User("bob"); fmt.Sprint(bob) != fmt.Sprint(bobBefore) {
				t.Errorf("bob changed: %+v", bob)
			}
			e, _ := s.AuditEntries(AuditFilter{Limit: 1})
			if e[0].Action != "user.change" || e[0].Actor != "root" || e[0].Object != "user:alice" || e[0].Detail != tt.wantDetail {
				t.Errorf("audit entry %+v, want detail %q", e[0], tt.wantDetail)
			}
		})
	}

	t.Run("unknown user", func(t *testing.T) {
		s, _ := openTest(t)
		if _, err := s.UpdateUser("root", "ghost", UserChange{Disabled: &yes}); !errors.Is(err, ErrNotFound) {
			t.Errorf("UpdateUser(ghost): %v, want ErrNotFound", err)
		}
		if n := auditLen(t, s); n != 0 {
			t.Errorf("%d audit entries after a refused change", n)
		}
	})
}

func TestAuditHoldsNoPasswordHash(t *testing.T) {
	s, _ := openTest(t)
	if err := s.CreateUser("root", User{Name: "alice", Roles: []casework.Role{casework.RoleAdmin}, PasswordHash: testHash(1)}); err != nil {
		t.Fatal(err)
	}
	h2, off := testHash(2), true
	if _, err := s.UpdateUser("root", "alice", UserChange{PasswordHash: &h2}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateUser("alice", "alice", UserChange{PasswordHash: &h2, Disabled: &off, Roles: []casework.Role{casework.RoleAnalyst}}); err != nil {
		t.Fatal(err)
	}
	entries, err := s.AuditEntries(AuditFilter{})
	if err != nil || len(entries) != 3 {
		t.Fatalf("audit = %+v, %v", entries, err)
	}
	for _, e := range entries {
		data, _ := json.Marshal(e)
		if strings.Contains(string(data), "SECRETHASH") || strings.Contains(string(data), "argon2") {
			t.Errorf("audit entry holds a password hash: %s", data)
		}
	}
	if u, _ := s.User("alice"); u.PasswordHash != h2 {
		t.Errorf("password hash %q, want %q", u.PasswordHash, h2)
	}
}

func TestSessions(t *testing.T) {
	s, clock := openTest(t)
	t0 := clock.Now()
	for _, sess := range []Session{
		{TokenHash: "short", User: "alice", CSRF: "c1", Created: t0, Expires: t0.Add(time.Hour), Addr: "10.0.0.1"},
		{TokenHash: "long", User: "alice", CSRF: "c2", Created: t0, Expires: t0.Add(24 * time.Hour)},
		{TokenHash: "bob", User: "bob", CSRF: "c3", Created: t0, Expires: t0.Add(2 * time.Hour)},
	} {
		if err := s.CreateSession(sess); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CreateSession(Session{User: "alice", Expires: t0.Add(time.Hour)}); err == nil {
		t.Error("CreateSession without a token hash succeeded")
	}

	live := func(now time.Time) []string {
		clock.Add(now.Sub(clock.Now()))
		var out []string
		for _, tok := range []string{"short", "long", "bob"} {
			sess, err := s.Session(tok)
			switch {
			case err == nil:
				if sess.TokenHash != tok {
					t.Errorf("Session(%s) = %+v", tok, sess)
				}
				out = append(out, tok)
			case !errors.Is(err, ErrNotFound):
				t.Errorf("Session(%s): %v", tok, err)
			}
		}
		return out
	}
	steps := []struct {
		name  string
		at    time.Time
		prune int // PruneSessions after the check; -1 for none
		want  []string
	}{
		{"all live", t0, -1, []string{"short", "long", "bob"}},
		{"a moment before expiry", t0.Add(time.Hour - time.Nanosecond), 0, []string{"short", "long", "bob"}},
		{"at expiry", t0.Add(time.Hour), -1, []string{"long", "bob"}},
		{"expired is not found, still stored until pruned", t0.Add(3 * time.Hour), 2, []string{"long"}},
		{"clock back: pruned sessions stay gone", t0, 0, []string{"long"}},
		{"all expired", t0.Add(48 * time.Hour), 1, nil},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if got := live(st.at); !slices.Equal(got, st.want) {
				t.Errorf("live sessions at %v: %v, want %v", st.at.Sub(t0), got, st.want)
			}
			if st.prune < 0 {
				return
			}
			n, err := s.PruneSessions()
			if err != nil || n != st.prune {
				t.Errorf("PruneSessions = %d, %v; want %d", n, err, st.prune)
			}
		})
	}
	t.Run("logout", func(t *testing.T) {
		clock.Add(t0.Sub(clock.Now()))
		if err := s.CreateSession(Session{TokenHash: "x", User: "carol", Expires: t0.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteSession("x"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Session("x"); !errors.Is(err, ErrNotFound) {
			t.Errorf("session after logout: %v", err)
		}
		if err := s.DeleteSession("never"); err != nil {
			t.Errorf("DeleteSession of an unknown token: %v", err)
		}
	})
	t.Run("sessions are not audited", func(t *testing.T) {
		if n := auditLen(t, s); n != 0 {
			t.Errorf("%d audit entries", n)
		}
	})
}
