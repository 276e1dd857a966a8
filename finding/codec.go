package finding

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/certwatch/certwatch/casework"
	"github.com/certwatch/certwatch/internal/jsonscan"
)

// ErrNewer: the finding was written by a newer certwatch, in a version of
// the format this one does not know.
var ErrNewer = errors.New("finding format newer than this certwatch")

// Encode returns f as it is stored: a JSON object in format Version, the
// "version" member first. f itself is not changed.
func Encode(f *Finding) ([]byte, error) {
	if f == nil {
		return nil, errors.New("finding: encode: no finding")
	}
	v := *f
	v.Version = Version
	b, err := json.Marshal(&v)
	if err != nil {
		return nil, fmt.Errorf("finding: encode: %w", err)
	}
	return b, nil
}

// Decode reads a stored finding of any version up to Version and returns
// it as the current struct, with Version set to the version it was
// written in. It fails on bytes that are not a JSON object of the format
// and, with ErrNewer, on a newer version.
func Decode(data []byte) (*Finding, error) {
	v, err := version(data)
	if err != nil {
		return nil, err
	}
	var f Finding
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("finding: decode version %d: %w", v, err)
	}
	f.Version = v
	// Upgrades from older versions go here, oldest first. Version 2 only
	// added the version member: a version 1 finding needs nothing.
	return &f, nil
}

// version reads the version member of an encoded finding: 1 when there is
// none (findings stored before the format was versioned).
func version(data []byte) (int, error) {
	var raw []byte
	ok := jsonscan.Members(data, func(key, val []byte) bool {
		if string(key) == "version" {
			raw = val
		}
		return true
	})
	if !ok {
		// Not an object the scanner reads: ask encoding/json, which says
		// why when it is not one either.
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(data, &probe); err != nil {
			return 0, fmt.Errorf("finding: decode: %w", err)
		}
		if probe == nil {
			return 0, errors.New("finding: decode: null is not a finding")
		}
		raw = probe["version"]
	}
	if raw == nil {
		return 1, nil
	}
	v, err := strconv.Atoi(string(raw))
	switch {
	case err != nil:
		return 0, fmt.Errorf("finding: decode: version %.20s is not a whole number", raw)
	case v > Version:
		return 0, fmt.Errorf("finding: decode: %w (version %d; this certwatch reads versions 1 to %d)", ErrNewer, v, Version)
	case v < 2:
		return 0, fmt.Errorf("finding: decode: version %d is not a stored format (version 1 has no version member)", v)
	}
	return v, nil
}

// Summary is what a listing needs of a stored finding.
type Summary struct {
	Version int            // 1 for findings without a version member
	Route   casework.Route // the route the strongest rule suggests
	Channel string         // the stage that flagged the page; "" before the learned stage
}

// Peek reads the version, route and channel of a stored finding without
// decoding the rest, several times faster than Decode: a queue lists
// thousands of cases with findings of several KB each. It reads what it
// can: a route or channel that is not a string is left empty, and on an
// error (bytes that are not an object, a version that is not a number or
// newer than Version) the summary holds what was read before it.
func Peek(data []byte) (Summary, error) {
	s := Summary{Version: 1}
	var err error
	ok := jsonscan.Members(data, func(key, val []byte) bool {
		switch string(key) {
		case "route":
			var r string
			if jsonscan.String(val, &r) {
				s.Route = casework.Route(r)
			}
		case "channel":
			jsonscan.String(val, &s.Channel)
		case "version":
			n, perr := strconv.Atoi(string(val))
			switch {
			case perr != nil:
				err = fmt.Errorf("finding: peek: version %.20s is not a number", val)
			case n > Version:
				err = fmt.Errorf("finding: peek: %w (version %d; this certwatch reads versions 1 to %d)", ErrNewer, n, Version)
			default:
				s.Version = n
			}
		}
		return true
	})
	if !ok && err == nil {
		err = errors.New("finding: peek: not a JSON object")
	}
	return s, err
}
