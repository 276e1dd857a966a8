// Package store owns certwatch's database: one bbolt file holding sweeps,
// the persisted crawl frontier, fetched pages, cases, sightings and
// snapshots (the evidence), and every read and write of it. It also backs
// the file up while it is in use and exports a case's evidence as WARC plus
// a manifest of hashes that a third party can verify with standard tools.
//
// It does not import the crawler or the matcher: observations arrive as
// plain values and a matcher's finding as JSON bytes.
//
// # Locking
//
// One process owns the database. [Open] resolves symbolic links (every
// name of the database finds the same PATH.lock), then takes two locks,
// each with a timeout (bbolt would wait forever): a flock on PATH.lock —
// exclusive for a writer, which also writes into it its pid, command line,
// start time and, for serve, its URL; shared for a reader when the file
// exists — and bbolt's flock on the database file's inode. So a second
// process is refused whether it comes through a symbolic link (same
// PATH.lock), a hard link (same inode) or after the file was replaced
// under the holder (the holder's PATH.lock). It is told who holds it
// ([LockedError], which wraps [ErrLocked]); a PATH.lock left behind by a
// killed process blocks nothing, as nobody holds its flock.
//
// Before every write the holder checks that the database's name still
// leads to the file it has open (and PATH.lock to its lock): once not, it
// refuses writes with [ErrReplaced] rather than acknowledge them into a
// file no later process reads ([Store.Healthy] reports it).
//
// # Damaged files
//
// bbolt faults inside its memory mapping (SIGBUS/SIGSEGV, which recover
// cannot catch) on a file shorter than its meta pages claim. Open first
// checks the file ([CheckFile]: not empty, both meta pages valid, the page
// size plausible, the size a whole number of pages reaching the high-water
// mark) and refuses an unsound one with a [DamagedError] that says what is
// wrong and to restore a backup; [Guard] turns a panic or fault while
// reading into one too ([VerifyFile] and the CLI's readers use it).
//
// # Backups
//
// [Store.BackupFile] refuses, before writing anything, a target that is
// the database, a link to it, PATH.lock, serve's PATH.control, a directory
// or a file another process holds a lock on ([TargetError]). It writes
// .certwatch-backup-PID-RANDOM.tmp beside the target, locked while it is
// written, and renames it; a cancelled backup removes it, and
// [CleanBackupTemps] (run by every backup and by Open for writing) removes
// the ones an interrupted backup left: unlocked, and their writer gone or
// older than a minute.
//
// # Schema (version 1)
//
// Integers in keys are 8-byte big-endian, so keys sort numerically; IDs
// come from the owning bucket's NextSequence and start at 1. Values are
// JSON (encoding/json) unless noted. Keys that hold a URL or case key use
// the string itself, or for strings longer than 512 bytes "\x00sha256:"
// followed by the hex SHA-256 of the string (bbolt keys are bounded and
// crawled URLs are written by adversaries). All times are stored in UTC.
//
//	meta                          "schema" → "1", "audit_head"
//	sweeps        id              → Sweep
//	frontier      sweep id        → bucket, one per sweep:
//	                  "items"     seq → FrontierItem (insertion order)
//	                  "urls"      CanonicalURL(item URL) → seq
//	                  "pending"   seq → "" (index of items still pending)
//	                  "counts"    (a key, not a bucket) pending, done: two uint64
//	pages         CanonicalURL    → PageRecord (the latest fetch of that URL)
//	cases         id              → Case (plus the latest snapshot's id and content key)
//	case_keys     case key        → case id
//	sightings     case id ‖ sweep id → Sighting (at most one per case and sweep)
//	snapshots     id              → Snapshot (metadata only)
//	case_snapshots case id ‖ snapshot id → "" (index)
//	bodies        snapshot id     → raw body bytes, as fetched (not JSON)
//	screenshots   snapshot id     → PNG bytes (not JSON); absent when none
//	texts         snapshot id     → SnapshotText: the title and text the matcher read
//	decisions     case id ‖ seq   → Decision (review actions, append-only)
//	notices       id              → Notice (items, history, removal checks)
//	notice_drafts route ‖ 0 ‖ recipient → id of the draft notice collecting cases
//	check_evidence id             → CheckEvidence: a removal check's response metadata
//	check_bodies  id              → that response's body (not JSON)
//	users         name            → User (password hash only)
//	sessions      SHA-256(token)  → Session
//	audit         seq             → AuditEntry, hash-chained; meta "audit_head" → seq ‖ hash
//	outbox        id              → Message (digests to deliver, with attempts)
//	packs         seq             → ActivatedPack: rule-pack activations and
//	                                deactivations, append-only; the last one decides
//	                                the active pack (ActivePack)
//	pack_contents seq             → the activated pack file's bytes (not JSON)
//	logins        (made by the first failed sign-in) attempt counts, lockouts, bursts of
//	                                failures not yet audited, known addresses (logins.go)
//	counts        (made by the first StatusCounts) cases, notices and pending messages by
//	                                status, kept by the writes that change them (counts.go)
//	model_channels (made by the first switch) category → ModelChannel: whether the
//	                                learned model may flag that category alone (channels.go)
//	contact_cases (made by the first indexed case) kind 0 value 0 case id → empty:
//	                                the contact index that links cases of one seller
//	case_contacts (with contact_cases) case id kind 0 value → empty (contacts.go)
//	case_merges   (made by the first merge) merged case id → MergedCase: duplicates
//	                                merged into a primary case (merge.go)
//	merge_primaries (with case_merges) primary id ‖ merged id → empty
//
// No bucket is keyed by time yet: sweeps, cases and snapshots are keyed by
// sequence numbers that already sort by creation, and a sweep's sightings
// sort by sweep id. A time index, when one is needed, uses 8-byte
// big-endian Unix nanoseconds so keys sort by time.
//
// # Semantics
//
// A case is one suspicious URL or listing followed across sweeps, keyed by
// its case key (the canonical URL, or "listing:<source>:<id>" when the
// source has listing ids; the store takes the key as given). [Store.Record]
// does everything one flagged page implies in a single write transaction:
// it creates the case if new, adds a sighting for (case, sweep) unless one
// exists, adds a snapshot when the case has none or the latest one's
// content key differs, updates the case, records the page, adds the
// frontier items the page leads to (Observation.Follow) and marks the
// frontier item done; [Store.RecordPageFollow] does the same for a page
// that is not flagged. Because the frontier item is marked done in the
// same transaction as its record and its links, a sweep killed at any
// moment resumes without refetching recorded pages, without losing the
// links of done pages and without duplicate cases or sightings; and
// recording the same page twice in a sweep adds nothing. Several pages
// share a transaction (see Throughput): a kill loses the whole batch not
// yet committed, whose pages stay pending and are fetched again
// (TestKillBetweenBatchesAndResume).
//
// Frontier items are deduplicated per sweep by [CanonicalURL] of their URL;
// an item keeps the URL it was added with. [Store.MarkDone],
// [Store.RecordPage], [Store.RecordPageFollow] and [Store.Record] find
// items the same way.
//
// # Throughput
//
// Every write commits with two fdatasyncs (about 1 ms on the 2-core
// reference machine when it is quiet, several when other work shares the
// disk). Record, RecordPage, RecordPageFollow and MarkDone go through a
// group commit (commitGroup): a lone write commits at once, and writes
// that arrive while a commit is in progress share the next one, so the
// group grows with the commit's latency. A sweep should therefore call
// them from many goroutines (its handlers), not funnel them through one,
// and write each page once: its links with its record, not with
// AddFrontier, which commits alone. They are idempotent, as the group
// commit requires (when one write of a group fails, the others run again
// without it). Sweeping 2,000 local pages with 32 handlers took 364
// commits with bbolt's Batch (2 ms delay), which the store used before,
// and 148 with the group commit, for 1.30 and 0.93 CPU seconds (one run
// each, same machine). BenchmarkRecord compares Update, the group commit
// and bbolt's Batch on 20 KiB records; on a machine shared with other
// builds its figures vary several-fold between runs.
//
// # Memory
//
// bbolt reads the file through an mmap, and every page read stays in the
// process's resident set until unmapped: a sweep, which writes each page at
// a random place of the pages and frontier buckets, would read the whole
// file in and grow with the database. Every 64 batched writes the store
// drops the mapping's pages (they stay in the page cache; see
// releaseMapped). Sweeping 50,000 local pages (44 MB file), the peak RSS
// of `certwatch sweep` was 88 MB without the drops and 72–75 MB with them
// (of which about 23 MB are the binary's own code and 30 MB the Go heap);
// before the batched writes and the drops it was 94 MB (benchtable -only
// sweep -compare, one run).
package store
