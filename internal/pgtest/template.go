package pgtest

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// template is one prepared database per key and test binary.
type template struct {
	once sync.Once
	name string
	err  error
}

var (
	templatesMu sync.Mutex
	templates   = map[string]*template{}
)

// Prepared returns the URL of a new database for t that starts as a copy of
// a template database: the first call for key in the test binary creates
// the template and runs prepare on it (a schema migration, say), later calls
// only copy it (CREATE DATABASE … TEMPLATE, a file copy of a fraction of a
// second instead of running every migration again). prepare must close
// every connection it opens: PostgreSQL copies only a database nobody is
// connected to. The copy is dropped when t ends; the templates when the test
// binary's Main returns.
func Prepared(t testing.TB, key string, prepare func(ctx context.Context, url string) error) string {
	t.Helper()
	admin := AdminURL()
	if admin == "" {
		t.Fatal("pgtest: no server: call pgtest.Main(m) from the package's TestMain")
	}
	templatesMu.Lock()
	tp := templates[key]
	if tp == nil {
		tp = &template{}
		templates[key] = tp
	}
	templatesMu.Unlock()
	tp.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		name := dbName("tmpl_"+key, dbSeq.Add(1))
		if err := exec1(ctx, admin, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()+createOptions(ctx, admin)); err != nil {
			tp.err = fmt.Errorf("create template %s: %w", name, err)
			return
		}
		u, err := withDatabase(admin, name)
		if err == nil {
			err = prepare(ctx, u)
		}
		if err != nil {
			tp.err = fmt.Errorf("prepare template %s: %w", name, err)
			_ = exec1(ctx, admin, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
			return
		}
		tp.name = name
	})
	if tp.err != nil {
		t.Fatalf("pgtest: %v", tp.err)
	}
	name := dbName(t.Name(), dbSeq.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	create := "CREATE DATABASE " + pgx.Identifier{name}.Sanitize() + " TEMPLATE " + pgx.Identifier{tp.name}.Sanitize() + createOptions(ctx, admin)
	// A copy fails while anyone is connected to the template; prepare's
	// connections may take a moment to go after it returns.
	var err error
	for attempt := 0; attempt < 20; attempt++ {
		if err = exec1(ctx, admin, create); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("pgtest: create database %s from template %s: %v", name, tp.name, err)
	}
	t.Cleanup(func() { dropDB(t, admin, name) })
	u, err := withDatabase(admin, name)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return u
}

// dropTemplates drops the templates Prepared made (on a server named by
// EnvServer; a throwaway cluster goes as a whole).
func dropTemplates(admin string) {
	templatesMu.Lock()
	defer templatesMu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for key, tp := range templates {
		if tp.name == "" {
			continue
		}
		if err := exec1(ctx, admin, "DROP DATABASE IF EXISTS "+pgx.Identifier{tp.name}.Sanitize()+" WITH (FORCE)"); err != nil {
			fmt.Fprintf(os.Stderr, "pgtest: drop template %s (%s): %v\n", tp.name, key, err)
		}
	}
}

// dropDB drops database name at the end of t.
func dropDB(t testing.TB, admin, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	// FORCE ends connections a test left open (a leak the test's own
	// checks should catch, not this cleanup).
	if err := exec1(ctx, admin, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
		t.Errorf("pgtest: drop database %s: %v", name, err)
	}
}
