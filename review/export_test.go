package review

import (
	"encoding/base64"
	"fmt"
	"time"

	"golang.org/x/crypto/argon2"
)

// MaxHashing is how many password hashes may run at once.
const MaxHashing = maxHashing

// SetHashGate sets how long a request waits for a hashing slot and a hook
// called as each hash starts, with the number running (this one included);
// the hook runs inside the slot, so blocking in it holds the slot.
func SetHashGate(s *Server, wait time.Duration, started func(running int)) {
	s.throttle.gate.wait = wait
	s.throttle.gate.started = started
}

// CheapHash is an Argon2id hash of password with the least memory and time
// VerifyPassword accepts (8 MiB, one pass), for tests that check many
// wrong passwords.
func CheapHash(password string) string {
	salt := []byte("certwatch-tests!")
	key := argon2.IDKey([]byte(password), salt, 1, 8*1024, 1, argonKeyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, 8*1024, 1, 1,
		enc.EncodeToString(salt), enc.EncodeToString(key))
}
