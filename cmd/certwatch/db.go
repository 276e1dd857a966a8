package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/certwatch/certwatch/pgstore"
)

// envDatabase may hold the PostgreSQL URL instead of --database (so a
// password in it does not show in the process list; PGPASSWORD and
// ~/.pgpass work too).
const envDatabase = "CERTWATCH_DATABASE"

func newDBCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "db",
		Short: "PostgreSQL database: apply schema migrations, show the schema version, import a bbolt database",
	}
	cmd.AddCommand(newDBMigrateCmd(), newDBStatusCmd(), newDBImportCmd())
	return cmd
}

// pgURL is the --database flag, else $CERTWATCH_DATABASE; a usage error
// (exit 2) when neither names a postgres:// URL.
func pgURL(flag string) (string, error) {
	u := flag
	if u == "" {
		u = os.Getenv(envDatabase)
	}
	if u == "" {
		return "", &exitError{code: 2, err: newMsgError("db.none", envDatabase)}
	}
	if !pgstore.IsURL(u) {
		return "", &exitError{code: 2, err: newMsgError("db.not.url")}
	}
	return u, nil
}

func newDBMigrateCmd() *cobra.Command {
	var database string
	cmd := &cobra.Command{
		Use:   "migrate --database postgres://USER@HOST:PORT/DB",
		Short: "Bring a PostgreSQL database's schema to this binary's version (refused when the database is newer)",
		Long: `Apply the schema migrations built into this binary that the database lacks, in order,
each in its own transaction, then river's migrations for the job queue (schema "river").
Several processes may run it at once: an advisory lock lets one migrate while the others
wait. A database whose schema or job queue schema is newer than this binary (a newer
certwatch migrated it) is refused and left unchanged: run the newer certwatch.
The URL may also come from $CERTWATCH_DATABASE; the password from PGPASSWORD or ~/.pgpass.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			u, err := pgURL(database)
			if err != nil {
				return err
			}
			res, err := pgstore.Migrate(cmd.Context(), u)
			if err != nil {
				return &exitError{code: 1, err: explainPGError(err)}
			}
			out, l := cmd.OutOrStdout(), langOf(cmd)
			if len(res.Applied) == 0 {
				fmt.Fprintln(out, l.msg("db.schema.current", res.To))
			} else {
				fmt.Fprintln(out, l.msg("db.schema.migrated", res.From, res.To, len(res.Applied), res.Applied))
			}
			if len(res.QueueApplied) == 0 {
				fmt.Fprintln(out, l.msg("db.queue.current", res.QueueTo))
			} else {
				fmt.Fprintln(out, l.msg("db.queue.migrated", res.QueueFrom, res.QueueTo, len(res.QueueApplied), res.QueueApplied))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&database, "database", "", "PostgreSQL URL (default $"+envDatabase+")")
	return cmd
}

func newDBStatusCmd() *cobra.Command {
	var database string
	cmd := &cobra.Command{
		Use:   "status --database postgres://USER@HOST:PORT/DB",
		Short: "Show the database's schema and job queue versions and this binary's; exit 1 when they differ",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			u, err := pgURL(database)
			if err != nil {
				return err
			}
			v, err := pgstore.Version(cmd.Context(), u)
			if err != nil {
				return &exitError{code: 1, err: explainPGError(err)}
			}
			qv, err := pgstore.QueueVersion(cmd.Context(), u)
			if err != nil {
				return &exitError{code: 1, err: explainPGError(err)}
			}
			out, l := cmd.OutOrStdout(), langOf(cmd)
			fmt.Fprintln(out, l.msg("db.schema.status", v, pgstore.SchemaVersion))
			fmt.Fprintln(out, l.msg("db.queue.status", qv, pgstore.QueueSchemaVersion))
			var errs []error
			if v != pgstore.SchemaVersion {
				errs = append(errs, &pgstore.SchemaError{Database: v, Binary: pgstore.SchemaVersion})
			}
			if qv != pgstore.QueueSchemaVersion {
				errs = append(errs, &pgstore.QueueSchemaError{Database: qv, Binary: pgstore.QueueSchemaVersion})
			}
			if len(errs) > 0 {
				return &exitError{code: 1, err: errors.Join(errs...)}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&database, "database", "", "PostgreSQL URL (default $"+envDatabase+")")
	return cmd
}

// explainPGError puts a Chinese explanation before PostgreSQL errors a user
// must act on (schema errors explain themselves in both languages).
func explainPGError(err error) error {
	var se *pgstore.SchemaError
	if errors.As(err, &se) {
		return se
	}
	var qe *pgstore.QueueSchemaError
	if errors.As(err, &qe) {
		return qe
	}
	return newMsgError("db.failed", err)
}
