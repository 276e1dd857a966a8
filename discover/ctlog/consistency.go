package ctlog

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
)

// maxProofHashes bounds a consistency proof: a tree of 2^63 leaves needs
// fewer than 128 hashes.
const maxProofHashes = 128

var errInconsistent = errors.New("consistency proof does not verify")

// verifyConsistency checks an RFC 6962 consistency proof between the tree
// of size first with root firstHash and the tree of size second with root
// secondHash (the algorithm of RFC 9162 section 2.1.4.2).
func verifyConsistency(first, second uint64, firstHash, secondHash []byte, proof [][]byte) error {
	switch {
	case first > second:
		return fmt.Errorf("%w: first %d > second %d", errInconsistent, first, second)
	case first == second:
		if len(proof) != 0 || !bytes.Equal(firstHash, secondHash) {
			return fmt.Errorf("%w: same size, different roots or non-empty proof", errInconsistent)
		}
		return nil
	case first == 0:
		return nil // the empty tree is consistent with every tree
	case len(proof) == 0 || len(proof) > maxProofHashes:
		return fmt.Errorf("%w: %d hashes", errInconsistent, len(proof))
	}
	for _, h := range proof {
		if len(h) != sha256.Size {
			return fmt.Errorf("%w: hash of %d bytes", errInconsistent, len(h))
		}
	}
	if first&(first-1) == 0 { // a power of two: the old root is a node of the proof
		proof = append([][]byte{firstHash}, proof...)
	}
	fn, sn := first-1, second-1
	for fn&1 == 1 {
		fn >>= 1
		sn >>= 1
	}
	fr := append([]byte(nil), proof[0]...)
	sr := append([]byte(nil), proof[0]...)
	for _, c := range proof[1:] {
		if sn == 0 {
			return fmt.Errorf("%w: proof too long", errInconsistent)
		}
		if fn&1 == 1 || fn == sn {
			fr = nodeHash(c, fr)
			sr = nodeHash(c, sr)
			for fn&1 == 0 && fn != 0 {
				fn >>= 1
				sn >>= 1
			}
		} else {
			sr = nodeHash(sr, c)
		}
		fn >>= 1
		sn >>= 1
	}
	if sn != 0 || !bytes.Equal(fr, firstHash) || !bytes.Equal(sr, secondHash) {
		return errInconsistent
	}
	return nil
}

func nodeHash(l, r []byte) []byte {
	h := sha256.New()
	h.Write([]byte{1})
	h.Write(l)
	h.Write(r)
	return h.Sum(nil)
}
