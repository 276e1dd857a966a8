package storetest

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/store"
)

// testAccounts: accounts are unique by name, their changes audited
// without the password hash, and disabling one ends its sessions.
func testAccounts(t *testing.T, b Backend) {
	const hash = "$argon2id$v=19$m=65536,t=3,p=2$c2FsdHNhbHQ$SECRETHASH"
	roles := []casework.Role{casework.RoleReviewerCAC}
	if err := b.CreateUser("root", store.User{Name: "alice", DisplayName: "张三", Roles: roles, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	if err := b.CreateUser("root", store.User{Name: "bob", Roles: []casework.Role{casework.RoleApprover}, PasswordHash: hash + "2"}); err != nil {
		t.Fatal(err)
	}
	if err := b.CreateUser("root", store.User{Name: "alice", Roles: roles, PasswordHash: hash}); !errors.Is(err, store.ErrExists) {
		t.Errorf("a second alice: %v, want ErrExists", err)
	}
	for _, bad := range []store.User{
		{Name: "cli:eve", Roles: roles, PasswordHash: hash},
		{Name: "eve", PasswordHash: hash},
		{Name: "eve", Roles: roles},
	} {
		if err := b.CreateUser("root", bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("CreateUser(%+v): %v, want ErrInvalid", bad, err)
		}
	}
	u, err := b.User("alice")
	if err != nil || u.DisplayName != "张三" || !slices.Equal(u.Roles, roles) || u.PasswordHash != hash || u.Disabled {
		t.Fatalf("User(alice) = %+v, %v", u, err)
	}
	if _, err := b.User("nobody"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("User(nobody): %v, want ErrNotFound", err)
	}
	if us, err := b.Users(); err != nil || len(us) != 2 {
		t.Errorf("Users = %d, %v; want 2", len(us), err)
	}

	now := time.Now()
	for _, s := range []store.Session{
		{TokenHash: "tok-a", User: "alice", CSRF: "c1", Created: now, Expires: now.Add(time.Hour)},
		{TokenHash: "tok-b", User: "bob", CSRF: "c2", Created: now, Expires: now.Add(time.Hour)},
		{TokenHash: "tok-old", User: "bob", CSRF: "c3", Created: now.Add(-2 * time.Hour), Expires: now.Add(-time.Hour)},
	} {
		if err := b.CreateSession(s); err != nil {
			t.Fatal(err)
		}
	}
	if s, err := b.Session("tok-a"); err != nil || s.User != "alice" || s.CSRF != "c1" {
		t.Errorf("Session(tok-a) = %+v, %v", s, err)
	}
	if _, err := b.Session("tok-old"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("an expired session: %v, want ErrNotFound", err)
	}
	if err := b.DeleteSession("tok-b"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Session("tok-b"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a deleted session: %v, want ErrNotFound", err)
	}
	disabled := true
	u, err = b.UpdateUser("root", "alice", store.UserChange{Disabled: &disabled})
	if err != nil || !u.Disabled {
		t.Fatalf("UpdateUser(disable) = %+v, %v", u, err)
	}
	if _, err := b.Session("tok-a"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a disabled account's session: %v, want ErrNotFound", err)
	}
	if _, err := b.UpdateUser("root", "nobody", store.UserChange{Disabled: &disabled}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("UpdateUser(nobody): %v, want ErrNotFound", err)
	}
	entries := checkChain(t, b)
	adds := 0
	for _, e := range entries {
		if strings.Contains(e.Detail, "SECRETHASH") || strings.Contains(e.Object, "SECRETHASH") {
			t.Errorf("audit entry %d holds the password hash: %+v", e.Seq, e)
		}
		if e.Action == "user.add" {
			adds++
		}
	}
	if adds != 2 {
		t.Errorf("%d user.add entries, want 2", adds)
	}
}
