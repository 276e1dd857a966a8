// Package blobstore keeps evidence bytes (page bodies, screenshots,
// removal-check responses) content-addressed by their SHA-256, in a local
// directory or in any S3-compatible object store (issue 12, Part 2). It
// is the store the PostgreSQL backend (package pgstore) keeps those bytes
// in: its *Store satisfies pgstore.Blobs, and rows keep only the hex sum.
// Both kinds of store sit behind one maintained abstraction,
// gocloud.dev/blob (fileblob and s3blob); this package adds the key
// layout, the integrity checks and the limits.
//
// # Layout
//
// A blob with SHA-256 sum S (64 lower-case hex digits) is stored under the
// key
//
//	sha256/S[0:2]/S[2:4]/S
//
// e.g. sha256/9f/86/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.
// The two levels of two hex digits keep any one directory (or listing
// prefix) to at most 256 entries above the blobs, and about 1/65,536 of
// them below: 10^8 blobs make ~1,500 files a directory. In a directory
// store the key is the path under the root; the root holds nothing else
// but "sha256". Nothing is ever stored twice: the key is the content.
//
// # Integrity
//
// Integrity comes from the project's own hashes, never from the store's
// (an ETag, an MD5 sidecar, a checksum header):
//
//   - Put checks that the sum is well formed and that the bytes hash to
//     it before anything is written, and refuses a mismatch (ErrMismatch):
//     a blob can never sit under a key that is not its hash.
//   - Get hashes the bytes it read and refuses them when they do not match
//     the key (ErrCorrupt): a file damaged on disk, one truncated by a
//     crash or an object replaced in the bucket is reported, never
//     returned as evidence.
//   - A Put of a key already stored with the same length writes nothing;
//     one stored with another length (a truncated file) is replaced with
//     the verified bytes. A same-length damaged blob stays until an
//     operator removes it; Get keeps refusing it.
//
// Writes are atomic. In a directory, fileblob writes a temporary file
// beside the final one (<sum>.<hex>.tmp) and renames it into place; this
// package also syncs the file before the rename and its directory after,
// so a Put that returned nil survives a power cut. A process killed
// mid-write can leave a *.tmp file, never a partial blob; such files are
// safe to delete. Files are 0600 and directories 0700. In S3 a PUT is
// atomic by itself; objects are written as application/octet-stream with
// no metadata.
//
// # Limits
//
// Every call takes a context and stops with it. Options.MaxSize (default
// 64 MiB) is the largest blob Put stores and Get returns: Get refuses a
// larger object from its size before reading any of it (ErrTooLarge), and
// never reads past the limit even if the store under-reported the size.
// Options.MaxInFlight (default 16) bounds the calls running at once, so
// at most MaxInFlight × MaxSize bytes are held by Get; further calls wait
// for a slot within their context. A missing blob is an error wrapping
// fs.ErrNotExist.
//
// # Configuring a deployment
//
// The location is one string, as a deployment's configuration gives it:
//
//   - A directory path, "/var/lib/certwatch/blobs" or
//     "file:///var/lib/certwatch/blobs": the default, for one machine or a
//     shared file system. Created 0700 when missing; Open fails at start
//     if it cannot be written. Back it up like the database (the blobs are
//     immutable: rsync or any incremental copy is enough).
//   - An S3-compatible bucket:
//     "s3://certwatch-evidence?endpoint=https://oss.example.gov.cn&region=cn-east-1&use_path_style=true".
//     The bucket must exist (Open checks it). Parameters: endpoint (the
//     service's http:// or https:// URL; leave it out for AWS itself),
//     region (default us-east-1), use_path_style (true for MinIO, Ceph
//     and most stores not on AWS), and the other parameters of
//     gocloud.dev/aws.V2ConfigFromURLParams (profile, anonymous,
//     request_checksum_calculation, …); an unknown parameter is an error.
//     With an endpoint, request and response checksums default to
//     when_required, which third-party stores accept.
//
// Credentials for S3 come, as the AWS SDK takes them, from
// AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment, or a
// shared profile (AWS_PROFILE, or profile= in the URL); or from the URL
// itself, s3://KEY:SECRET@bucket?…, for a configuration file kept as
// secret as the database URL. Set AWS_EC2_METADATA_DISABLED=true outside
// AWS so the SDK does not look for an instance role when no credentials
// are given. Error messages name the location with its secret redacted.
//
// Open checks an S3 bucket by listing one key, within the caller's
// context or 20 s: an unreachable endpoint, refused credentials and a
// missing bucket each fail with a message naming the bucket or endpoint.
package blobstore
