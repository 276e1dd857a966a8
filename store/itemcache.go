package store

import (
	"encoding/json"
	"fmt"
	"maps"
	"sync"
)

// itemCacheMax bounds the frontier items decodedItems remembers (some
// 100 bytes each); past it the cache starts over.
const itemCacheMax = 4096

// decodedItems remembers frontier items by their stored encoding. A
// sweep reads each pending item several times (every read of the
// pending frontier returns the items still in flight too, and marking an
// item done reads it again), and decoding JSON was most of the cost of
// those reads. The decoding is a function of the bytes alone, so the
// cache needs no invalidation: a changed item has other bytes.
var decodedItems = struct {
	sync.Mutex
	m map[string]FrontierItem
}{m: map[string]FrontierItem{}}

// decodeItem decodes a stored frontier item, from the cache when the
// same bytes were decoded before. The item returned is the caller's own
// (its Meta is a copy).
func decodeItem(data []byte, it *FrontierItem) error {
	decodedItems.Lock()
	cached, ok := decodedItems.m[string(data)]
	decodedItems.Unlock()
	if ok {
		*it = cached
		it.Meta = maps.Clone(cached.Meta)
		return nil
	}
	var fresh FrontierItem
	if err := json.Unmarshal(data, &fresh); err != nil {
		return err
	}
	*it = fresh
	it.Meta = maps.Clone(fresh.Meta)
	decodedItems.Lock()
	if len(decodedItems.m) >= itemCacheMax {
		clear(decodedItems.m)
	}
	decodedItems.m[string(data)] = fresh
	decodedItems.Unlock()
	return nil
}

// getItem is getJSON for a frontier item, through decodeItem.
func getItem(b interface{ Get([]byte) []byte }, key []byte, it *FrontierItem) (bool, error) {
	data := b.Get(key)
	if data == nil {
		return false, nil
	}
	if err := decodeItem(data, it); err != nil {
		return true, fmt.Errorf("decode value at %x: %w", key, err)
	}
	return true, nil
}
