// Package review is the staff web UI and its JSON API: sign-in with local
// accounts and roles, the case queue, the case page with the evidence and
// the matched terms, decisions (confirm with a route, dismiss with a
// reason, a second person for referrals to the police), notices with
// their documents (HTML and PDF) and states, removal checks, the audit
// log and account administration.
//
// Every crawled byte is hostile. Pages are rendered server-side with
// html/template, so titles, text, URLs and contacts are escaped; matched
// spans are highlighted from the matcher's offsets, never by inserting
// markup into crawled text. The Content-Security-Policy allows scripts
// and styles only from this server's embedded files (no inline script,
// no CDN: offices run it without internet access). Raw bodies are only
// ever sent as attachments with a sandboxing CSP, screenshots only when
// they really are PNG.
//
// Security: passwords are hashed with Argon2id (golang.org/x/crypto);
// sessions are random 256-bit tokens in an HttpOnly, SameSite=Strict
// cookie (Secure when served over TLS), of which the database keeps only
// the SHA-256; every state-changing request must carry the session's
// CSRF token (a form field, or the X-CSRF-Token header for the JSON API),
// compared in constant time, and a cross-origin Origin header is refused;
// failed sign-ins are throttled per account and per address, counted
// before the password is hashed, kept in the database across restarts, and
// at most two hashes (64 MiB each) run at once (throttle.go). Every
// sign-in, decision, notice change, export and account change is written
// to the hash-chained audit log in the same transaction as the change.
//
// Roles (casework.Role): reviewer_cac and reviewer_samr decide cases and
// handle their department's notices; approver approves referrals and
// signs off (approves) notices; analyst reads cases and rules; admin
// manages accounts and reads the audit log. The permission table is
// [can]; which route a role may confirm onto is casework's
// (Route.Reviewers, checked by canRoute); what a role may do to a case
// someone else decided (withdraw a confirmation, dismiss
// a referral waiting for approval) is mayDecide, checked again inside the
// store's transaction. A user who may not open notices (the analyst)
// sees no notice details on case pages or in the API.
package review
