package sweep

import (
	"reflect"
	"testing"
)

// fillValue sets every exported number of v to 1, every flag, every text
// to "x", and gives every map one key and every list one element, filled
// the same way.
func fillValue(v reflect.Value) {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.String:
		v.SetString("x")
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillValue(v.Field(i))
			}
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillValue(v.Elem())
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		k := reflect.New(v.Type().Key()).Elem()
		fillValue(k)
		e := reflect.New(v.Type().Elem()).Elem()
		fillValue(e)
		v.SetMapIndex(k, e)
	case reflect.Slice:
		e := reflect.New(v.Type().Elem()).Elem()
		fillValue(e)
		v.Set(reflect.Append(reflect.MakeSlice(v.Type(), 0, 1), e))
	}
}

// checkDoubled reports every number of v that is not 2 and every list
// that does not have two elements (the sum of two filled values).
func checkDoubled(t *testing.T, path string, v reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v.Int() != 2 {
			t.Errorf("%s = %d, want 2", path, v.Int())
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if v.Uint() != 2 {
			t.Errorf("%s = %d, want 2", path, v.Uint())
		}
	case reflect.Float32, reflect.Float64:
		if v.Float() != 2 {
			t.Errorf("%s = %v, want 2", path, v.Float())
		}
	case reflect.Bool:
		if !v.Bool() {
			t.Errorf("%s is false", path)
		}
	case reflect.String:
		if v.String() != "x" {
			t.Errorf("%s = %q, want x", path, v.String())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				checkDoubled(t, path+"."+f.Name, v.Field(i))
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			t.Errorf("%s is nil", path)
			return
		}
		checkDoubled(t, path, v.Elem())
	case reflect.Map:
		if v.Len() != 1 {
			t.Errorf("%s has %d keys, want 1", path, v.Len())
		}
		it := v.MapRange()
		for it.Next() {
			checkDoubled(t, path+"[k]", it.Value())
		}
	case reflect.Slice:
		if v.Len() != 2 {
			t.Errorf("%s has %d elements, want 2", path, v.Len())
		}
	}
}

// TestSummaryMerge: merging two workers' parts sums every count of the
// summary, however deep (per source and host, per outcome, per search
// term, QR, lookalike, CT and watch counts), appends the lists and keeps
// the sweep's id; the fields set when a sweep finishes are cleared. A
// count added to Summary later is covered without changing the test.
func TestSummaryMerge(t *testing.T) {
	a, b := newSummary(7), newSummary(7)
	fillValue(reflect.ValueOf(a).Elem())
	fillValue(reflect.ValueOf(b).Elem())
	a.Sweep, b.Sweep = 7, 7
	a.merge(b)
	if a.Sweep != 7 {
		t.Errorf("sweep %d after the merge, want 7", a.Sweep)
	}
	if a.Trouble != nil || a.FailureNames != nil || a.Sources != nil || a.Discovery != nil {
		t.Errorf("fields of a finished sweep kept: %v %v %v %v", a.Trouble, a.FailureNames, a.Sources, a.Discovery)
	}
	a.Sweep = 2
	v := reflect.ValueOf(a).Elem()
	for i := range v.NumField() {
		f := v.Type().Field(i)
		switch f.Name {
		case "Trouble", "FailureNames", "Sources", "Discovery":
			continue
		}
		if f.IsExported() {
			checkDoubled(t, f.Name, v.Field(i))
		}
	}

	// Into an empty summary: a copy, not shared with the part.
	c := newSummary(7)
	c.merge(b)
	c.BySource["x"].Attempted++
	if b.BySource["x"].Attempted != 1 {
		t.Error("the merged summary shares its counts with a part")
	}
}
