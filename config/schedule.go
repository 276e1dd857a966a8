package config

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
	"go.yaml.in/yaml/v3"
)

// Schedule configures what `certwatch serve` runs by itself.
type Schedule struct {
	// Location is the time zone the specs are read in (default
	// Asia/Shanghai; the binary embeds the zone database).
	Location *time.Location
	TimeZone string
	// Cron specs (five fields, or @daily, @every 1h…); "" turns a job off.
	Sweep         string // default "0 2 * * *": every day at 02:00
	RemovalChecks string // default "*/10 * * * *": run the removal checks that are due
	Backup        string // default "30 3 * * *"
	BackupDir     string // default "backups" beside the database
	BackupKeep    int    // default 7: older scheduled backups are deleted
	// Prune deletes the frontiers (queued URLs and their outcomes) and the
	// page records (latest fetch of a URL not fetched since, unless
	// flagged) of sweeps finished more than FrontierKeepDays ago; the
	// sweeps, their summaries, snapshots, sightings and cases stay.
	Prune            string // default "15 4 * * *"
	FrontierKeepDays int    // default 30
}

// DefaultSchedule is used where the configuration is silent.
func DefaultSchedule() Schedule {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		loc = time.FixedZone("CST", 8*3600)
	}
	return Schedule{Location: loc, TimeZone: "Asia/Shanghai", Sweep: "0 2 * * *", RemovalChecks: "*/10 * * * *",
		Backup: "30 3 * * *", BackupDir: "backups", BackupKeep: 7, Prune: "15 4 * * *", FrontierKeepDays: 30}
}

// ParseCron reads a cron spec: five fields or a descriptor (@daily,
// @every 30m). Time zones are set by schedule.timezone, not in the spec:
// robfig/cron panics on a bare "CRON_TZ=…" (robfig/cron#554), so any
// TZ= prefix is refused here, and a panic of the parser is turned into an
// error.
func ParseCron(spec string) (s cron.Schedule, err error) {
	if strings.Contains(spec, "TZ=") {
		return nil, fmt.Errorf("set the time zone with schedule.timezone, not in the spec")
	}
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("invalid spec %q: %v", spec, r)
		}
	}()
	return cron.ParseStandard(spec)
}

func (d *decoder) schedule(n *yaml.Node, key string, s *Schedule) {
	spec := func(dst *string) func(*yaml.Node, string) {
		return func(v *yaml.Node, k string) {
			if v.Kind == yaml.ScalarNode && (v.Value == "" || v.Tag == "!!null") {
				*dst = "" // the job is off
				return
			}
			d.Str(v, k, dst)
			if _, err := ParseCron(*dst); err != nil {
				d.Fail(v, k, "%v (five fields such as \"0 2 * * *\", or @daily, @every 6h; \"\" for none)", err)
			}
		}
	}
	d.Fields(n, key, map[string]func(*yaml.Node, string){
		"timezone": func(v *yaml.Node, k string) {
			d.Str(v, k, &s.TimeZone)
			loc, err := time.LoadLocation(s.TimeZone)
			if err != nil {
				d.Fail(v, k, "unknown time zone %q", s.TimeZone)
				return
			}
			s.Location = loc
		},
		"sweep":              spec(&s.Sweep),
		"removal_checks":     spec(&s.RemovalChecks),
		"backup":             spec(&s.Backup),
		"backup_dir":         func(v *yaml.Node, k string) { d.Str(v, k, &s.BackupDir) },
		"backup_keep":        func(v *yaml.Node, k string) { d.Int(v, k, 1, 1000, &s.BackupKeep) },
		"prune":              spec(&s.Prune),
		"frontier_keep_days": func(v *yaml.Node, k string) { d.Int(v, k, 1, 3650, &s.FrontierKeepDays) },
	})
}
