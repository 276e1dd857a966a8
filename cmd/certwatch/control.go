package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/rank"
	"github.com/certwatch/certwatch/store"
	"github.com/certwatch/certwatch/sweep"
)

// The control API lets the CLI on the same machine ask a running server
// to do what needs the database it owns (a backup, a sweep now, its
// status). It is authenticated by a random token the server writes beside
// the database, readable only by the user who can read the database
// itself; it takes no cookies, so CSRF does not apply.

func controlTokenPath(db string) string { return db + ".control" }

func writeControlToken(db string) (token, path string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	token, path = base64.RawURLEncoding.EncodeToString(b), controlTokenPath(db)
	if err := os.WriteFile(path, []byte(token+"\n"), 0o600); err != nil {
		return "", "", fmt.Errorf("serve: control token: %w", err)
	}
	return token, path, nil
}

// controlStore is what the control API changes and reads.
type controlStore interface {
	Healthy() error
	ActivateModel(actor, file string, content []byte, version string) error
	DeactivateModel(actor string) error
	SetModelChannel(actor, category string, on bool) error
}

type control struct {
	st controlStore
	// bolt is the bbolt file for backups on request; nil on PostgreSQL,
	// which is backed up with its own tools.
	bolt     *store.Store
	runner   *sweep.Runner
	token    string
	schedule config.Schedule
	jobs     []sweep.Job
	log      *slog.Logger
	sweepNow func(why string)
	activate func(actor, file string, content []byte) (version string, err error)
	// modelChanged rebuilds the detection in force after a model
	// activation, deactivation or channel switch.
	modelChanged func()
}

type controlStatus struct {
	URL          string          `json:"url,omitempty"`
	SweepRunning bool            `json:"sweep_running"`
	Next         []sweep.NextRun `json:"next"`
	// DatabaseProblem is set once the database file was replaced under
	// the server (it then refuses writes).
	DatabaseProblem string `json:"database_problem,omitempty"`
}

func (c *control) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if subtle.ConstantTimeCompare([]byte(got), []byte(c.token)) != 1 {
		http.Error(w, "control token required", http.StatusUnauthorized)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/control/status":
		next, err := sweep.Upcoming(c.schedule.Location, time.Now(), 3, c.jobs...)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		st := controlStatus{SweepRunning: c.runner.Busy(), Next: next}
		if err := c.st.Healthy(); err != nil {
			st.DatabaseProblem = err.Error()
		}
		_ = json.NewEncoder(w).Encode(st)
	case r.Method == http.MethodPost && r.URL.Path == "/control/backup":
		var in struct{ Path string }
		if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&in); err != nil || in.Path == "" {
			http.Error(w, "want {\"path\": …}", http.StatusBadRequest)
			return
		}
		if !filepath.IsAbs(in.Path) {
			// Relative to what? The client's directory is not ours.
			http.Error(w, "the backup path must be absolute", http.StatusBadRequest)
			return
		}
		if c.bolt == nil {
			http.Error(w, "PostgreSQL 数据库请用 pg_dump 或 pg_basebackup 备份 (a PostgreSQL database is backed up with pg_dump or pg_basebackup)", http.StatusNotImplemented)
			return
		}
		n, err := c.bolt.BackupFileContext(r.Context(), in.Path)
		if errors.Is(err, store.ErrUnsafeTarget) {
			c.log.Warn("backup refused", "path", in.Path, "err", err)
			http.Error(w, err.Error(), http.StatusConflict)
			return
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		c.log.Info("backup on request", "path", in.Path, "bytes", n)
		_ = json.NewEncoder(w).Encode(map[string]any{"path": in.Path, "bytes": n})
	case r.Method == http.MethodPost && r.URL.Path == "/control/sweep":
		if c.runner.Busy() {
			http.Error(w, sweep.ErrBusy.Error(), http.StatusConflict)
			return
		}
		c.sweepNow("from the command line")
		w.WriteHeader(http.StatusAccepted)
		_ = json.NewEncoder(w).Encode(map[string]any{"started": true})
	case r.Method == http.MethodPost && r.URL.Path == "/control/activate":
		var in struct {
			Actor, File string
			Content     []byte
		}
		if err := json.NewDecoder(io.LimitReader(r.Body, 8<<20)).Decode(&in); err != nil || in.Actor == "" || len(in.Content) == 0 {
			http.Error(w, "want {\"actor\", \"file\", \"content\"}", http.StatusBadRequest)
			return
		}
		version, err := c.activate(in.Actor, in.File, in.Content)
		if err != nil {
			status := http.StatusBadRequest
			if errors.Is(err, store.ErrConflict) {
				status = http.StatusConflict
			}
			http.Error(w, err.Error(), status)
			return
		}
		c.log.Info("rule pack activated", "version", version, "by", in.Actor)
		_ = json.NewEncoder(w).Encode(map[string]any{"version": version})
	case r.Method == http.MethodPost && r.URL.Path == "/control/model/activate":
		c.activateModel(w, r)
	case r.Method == http.MethodPost && r.URL.Path == "/control/model/deactivate":
		var in struct{ Actor string }
		if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&in); err != nil || in.Actor == "" {
			http.Error(w, "want {\"actor\"}", http.StatusBadRequest)
			return
		}
		if err := c.st.DeactivateModel(in.Actor); err != nil {
			status := http.StatusInternalServerError
			if errors.Is(err, store.ErrNotFound) {
				status = http.StatusConflict
			}
			http.Error(w, err.Error(), status)
			return
		}
		c.log.Info("model deactivated", "by", in.Actor)
		c.modelChanged()
		_ = json.NewEncoder(w).Encode(map[string]any{"deactivated": true})
	case r.Method == http.MethodPost && r.URL.Path == "/control/model/channel":
		var in struct {
			Actor, Category string
			On              bool
		}
		if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&in); err != nil || in.Actor == "" || in.Category == "" {
			http.Error(w, "want {\"actor\", \"category\", \"on\"}", http.StatusBadRequest)
			return
		}
		if err := c.st.SetModelChannel(in.Actor, in.Category, in.On); err != nil {
			status := http.StatusInternalServerError
			switch {
			case errors.Is(err, store.ErrConflict):
				status = http.StatusConflict
			case errors.Is(err, store.ErrInvalid):
				status = http.StatusBadRequest
			}
			http.Error(w, err.Error(), status)
			return
		}
		c.log.Info("model channel switched", "category", in.Category, "on", in.On, "by", in.Actor)
		c.modelChanged()
		_ = json.NewEncoder(w).Encode(map[string]any{"category": in.Category, "on": in.On})
	default:
		http.NotFound(w, r)
	}
}

// activateModel records a model activation for "certwatch model activate"
// while the server holds the database. The model must load here too.
func (c *control) activateModel(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Actor, File string
		Content     []byte
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 2*rank.MaxModelSize)).Decode(&in); err != nil || in.Actor == "" || len(in.Content) == 0 {
		http.Error(w, "want {\"actor\", \"file\", \"content\"}", http.StatusBadRequest)
		return
	}
	m, err := rank.Parse(in.File, in.Content)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := c.st.ActivateModel(in.Actor, in.File, in.Content, m.Version()); err != nil {
		status := http.StatusInternalServerError
		if errors.Is(err, store.ErrConflict) {
			status = http.StatusConflict
		}
		http.Error(w, err.Error(), status)
		return
	}
	c.log.Info("model activated", "version", m.Version(), "by", in.Actor)
	c.modelChanged()
	_ = json.NewEncoder(w).Encode(map[string]any{"version": m.Version()})
}

// server is serverFor for the database o names: where to send a change
// when a running server holds the database (lockErr is the open's error).
func (o *dbOptions) server(lockErr error) (url, token string, ok bool) {
	db, err := o.database()
	if err != nil {
		return "", "", false
	}
	return serverFor(db, lockErr)
}

// serverFor finds the running server that holds db: its URL (from the
// lock file) and control token. ok is false when none runs.
func serverFor(db string, lockErr error) (url, token string, ok bool) {
	var le *store.LockedError
	if !errors.As(lockErr, &le) || le.Holder == nil || le.Holder.URL == "" {
		return "", "", false
	}
	b, err := os.ReadFile(controlTokenPath(db))
	if err != nil {
		return "", "", false
	}
	return le.Holder.URL, strings.TrimSpace(string(b)), true
}

// serverError is a control request's answer other than 2xx.
type serverError struct {
	url    string
	status int
	text   string
}

func (e *serverError) Error() string {
	return fmt.Sprintf("the running server at %s answered %d %s: %s", e.url, e.status, http.StatusText(e.status), e.text)
}

// callServer makes one control request and decodes the JSON answer.
func callServer(url, token, method, path string, in, out any) error {
	return callServerContext(context.Background(), url, token, method, path, in, out)
}

// callServerContext is callServer that gives up when ctx ends (the server
// then stops the work, a backup removing its temporary file).
func callServerContext(ctx context.Context, url, token, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	c := &http.Client{Timeout: 30 * time.Minute}
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("ask the running server at %s: %w", url, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode/100 != 2 {
		return &serverError{url: url, status: resp.StatusCode, text: strings.TrimSpace(string(data))}
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}
