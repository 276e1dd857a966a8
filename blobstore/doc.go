// Package blobstore keeps evidence bytes (page bodies, screenshots,
// removal-check responses) content-addressed by their SHA-256, in a local
// directory or in any S3-compatible object store (issue 12, Part 2). It
// is the store the PostgreSQL backend (package pgstore) keeps those bytes
// in: its *Store satisfies pgstore.Blobs, and rows keep only the hex sum.
// A directory store is plain file operations of this package; an S3
// store goes through github.com/minio/minio-go/v7 (Apache-2.0). Both sit
// behind one small internal interface, so the key layout, the integrity
// checks and the limits are the same code for both. (gocloud.dev/blob was
// used first and dropped: it linked grpc, OpenTelemetry and the Google API
// client into every certwatch command, +15.8 MB of binary and +10 MB of
// RSS at start.)
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
// Writes are atomic. In a directory, Put writes a temporary file beside
// the final one (<sum>.<random>.tmp), syncs it, renames it into place and
// syncs the directory (and the parent of any key directory it created), so
// a Put that returned nil survives a power cut. A process killed mid-write
// can leave a *.tmp file, never a partial blob; such files are safe to
// delete, and a failed Put removes its own. Files are 0600 and directories
// 0700. In S3 a PUT is atomic by itself: one request (never a multipart
// upload), written as application/octet-stream with no metadata, and
// signed with the blob's SHA-256 as its payload hash
// (X-Amz-Content-Sha256), so a service that checks it (AWS, MinIO)
// refuses bytes damaged on the way and the body is not hashed twice.
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
//     The bucket must exist (Open checks it). Parameters, all optional:
//     endpoint (the service's http:// or https:// URL, scheme, host and
//     port only; leave it out for AWS itself), region (default
//     us-east-1), use_path_style (true: bucket in the path, as MinIO,
//     Ceph and most stores not on AWS want; false: bucket in the host
//     name; absent: the host name for AWS, Google and Aliyun OSS
//     endpoints, the path otherwise), profile (the shared-credentials profile) and
//     anonymous (true: unsigned requests, for a public bucket). Any other
//     parameter is an error.
//
// Credentials for S3 come from the URL itself, s3://KEY:SECRET@bucket?…,
// for a configuration file kept as secret as the database URL; without
// them, from the first of: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
// (and AWS_SESSION_TOKEN) in the environment; the shared files
// (~/.aws/credentials, ~/.aws/config or AWS_SHARED_CREDENTIALS_FILE,
// AWS_CONFIG_FILE) under profile=, AWS_PROFILE or "default"; an EC2
// instance role. Set AWS_EC2_METADATA_DISABLED=true outside AWS so no
// instance role is looked for. Error messages name the location with its
// secret redacted.
//
// Open checks an S3 bucket with one HEAD request, within the caller's
// context or 20 s: an unreachable endpoint, refused credentials and a
// missing bucket each fail with a message naming the bucket or endpoint.
// A request that fails in a way worth retrying (a dropped connection, a
// 5xx answer, throttling) is sent up to 3 times in all, with backoff,
// always within the call's context.
package blobstore
