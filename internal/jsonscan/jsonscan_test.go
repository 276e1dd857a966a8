package jsonscan

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestMembers: the scanner yields the members encoding/json sees, and
// refuses what is not one object.
func TestMembers(t *testing.T) {
	for _, data := range []string{
		`{}`, ` { } `, `{"a":1}`, `{"a":"x\"}","b":[1,{"c":"]"}],"d":null,"e":true,"f":-1.5e3}`,
		"{ \"a\" : \"\\u4e2d\" ,\n\"b\" : { } }",
	} {
		got := map[string]json.RawMessage{}
		if !Members([]byte(data), func(k, v []byte) bool { got[string(k)] = json.RawMessage(v); return true }) {
			t.Errorf("Members(%s) = false", data)
			continue
		}
		var want map[string]json.RawMessage
		if err := json.Unmarshal([]byte(data), &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Members(%s) = %s, want %s", data, got, want)
		}
	}
	for _, bad := range []string{``, `[]`, `null`, `{"a":1`, `{"a":1,}`, `{"a" 1}`, `{"a":1} x`, `{"a":}`, `{"a":"x}`} {
		if Members([]byte(bad), func(_, _ []byte) bool { return true }) {
			t.Errorf("Members(%q) = true", bad)
		}
	}
	n := 0
	if Members([]byte(`{"a":1,"b":2}`), func(_, _ []byte) bool { n++; return false }) || n != 1 {
		t.Errorf("a callback's false stops the scan: %d calls", n)
	}
}

func TestString(t *testing.T) {
	for _, tt := range []struct {
		val, want string
		ok        bool
	}{
		{`"abc"`, "abc", true}, {`"a\"b\u4e2d"`, "a\"b中", true}, {`null`, "", true}, {`12`, "", false}, {`"`, "", false},
	} {
		var s string
		if ok := String([]byte(tt.val), &s); ok != tt.ok || s != tt.want {
			t.Errorf("String(%s) = %q, %v; want %q, %v", tt.val, s, ok, tt.want, tt.ok)
		}
	}
}
