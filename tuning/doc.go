// Package tuning answers an analyst's question before a rule pack goes
// live: what would this candidate pack change? It re-scores the stored
// evidence with the pack in force and with the candidate, and measures
// both against the labels reviewers gave by deciding cases.
//
// [Compare] is the whole API. `certwatch rules test` and `rules activate`
// print its [Report]; an HTTP handler calls it with the request's context
// and renders the same Report (it has JSON tags).
//
// # What is re-scored
//
// Every stored case, one snapshot each: for a case a reviewer decided,
// the snapshot the reviewer saw (the latest one fetched at or before the
// decision); for an open case, the latest. The matcher reads what it read
// during the sweep: the snapshot's stored title and text (store
// SnapshotText), with forms, links and the final URL taken from the stored
// body when a pack detects imitation sites. Snapshots recorded before
// texts were kept are read from the body as the crawler would (decoded by
// its Content-Type, markup or plain text). A case whose snapshot cannot be
// read is counted as skipped, with the reason, and the comparison goes on.
// Text is cut at Options.MaxText bytes; both packs see the same text.
//
// Both sides are re-scored: the current packs too, because a stored
// finding may come from an older pack version.
//
// Only pages that some pack once flagged are stored with their content
// (unflagged pages leave a page record without a body). So the comparison
// can find cases the candidate drops, and cases it adds back among those
// an older pack found, but never pages no pack has flagged: only a sweep
// with the candidate finds those. Options.Pages widens the sample with any
// input `certwatch scan` reads (HTML, text, JSON Lines, WARC), for example
// a WARC export or a labelled corpus.
//
// # Labels
//
// Every reviewer decision is a label, read from the case's status (the
// result of its latest decision, store.Decide):
//
//	confirmed, pending_approval        positive: the rules were right to flag it
//	dismissed, reason false_positive   negative: the rules were wrong
//	dismissed, out_of_scope/duplicate  excluded: a decision about the case, not the rules
//	open (never decided, or reopened)  unlabelled
//
// Excluded and unlabelled cases count as hits but not in precision. Extra
// pages take their label from a "label" field (JSON Lines): "clean" or
// "negative" is negative, any other value (a category id, "positive") is
// positive, none is unlabelled.
//
// # Figures
//
// A rule hits a page when its score reaches its pack's threshold (the
// finding's RuleHit.Fired). For each rule of either side, and each side:
//
//	hits        pages the rule hits
//	TP, FP      hits labelled positive, negative
//	precision   TP / (TP + FP); undefined (nil, shown "—") with no labelled hit
//
// and for each side as a whole: pages flagged, labelled positives flagged
// (TP; recall = TP / all labelled positives), negatives flagged (FP),
// precision. Added pages are flagged by the candidate and not by the
// current packs; dropped, the reverse.
//
// # Cost
//
// Cases are read one at a time and matched on Options.Workers goroutines
// (default GOMAXPROCS), so memory holds the case list and one page per
// worker. Compare stops when its context ends and reports progress through
// Options.Progress.
package tuning
