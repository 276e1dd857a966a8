package sweep

import (
	"reflect"
	"testing"
	"time"

	"github.com/certwatch/certwatch/config"
	"github.com/certwatch/certwatch/crawler"
)

// TestCrawlerOptions: the example configuration reaches the crawler with
// its values, and an explicit zero delay, back-off, settle time or retry
// count reaches it as none (negative), not as "use the default".
func TestCrawlerOptions(t *testing.T) {
	c, err := config.Load("../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	o := CrawlerOptions(c)
	if o.UserAgent != c.UserAgent || o.Render.Tabs != 2 || o.PerHostDelay != time.Second ||
		o.MaxBody != 5<<20 || o.Retries != c.Limits.Retries || o.Render.PageTimeout != 30*time.Second {
		t.Errorf("crawler options %+v", o)
	}
	if o.Render.Settle != 500*time.Millisecond {
		t.Errorf("settle %v, want the documented 500ms", o.Render.Settle)
	}
	if cr, err := crawler.New(o); err != nil {
		t.Errorf("the crawler refuses the converted options: %v", err)
	} else {
		cr.Close()
	}
	c.Limits.PerHostDelay, c.Limits.Retries, c.Limits.RetryBackoff, c.Render.Settle = 0, 0, 0, 0
	if o := CrawlerOptions(c); o.PerHostDelay >= 0 || o.Retries >= 0 || o.RetryBackoff >= 0 || o.Render.Settle >= 0 {
		t.Errorf("zero delay, retries, back-off and settle must reach the crawler as none (negative), got %v, %d, %v, %v",
			o.PerHostDelay, o.Retries, o.RetryBackoff, o.Render.Settle)
	}
	// retry_backoff: 0 and render.settle: 0 start a crawler (crawler.New
	// once refused them as negative).
	if cr, err := crawler.New(CrawlerOptions(c)); err != nil {
		t.Errorf("the crawler refuses zero delay, retries, back-off and settle: %v", err)
	} else {
		cr.Close()
	}
}

// TestConversionCoversEveryField fills every field of the configuration's
// plain structs and checks that each reaches the crawler's field of the
// same name, so a field added on one side only fails here.
func TestConversionCoversEveryField(t *testing.T) {
	c := &config.Config{UserAgent: "ua", Proxy: "http://proxy.example:3128", ResolveOnly: true,
		Resolve: map[string]string{"a.example": "127.0.0.1:1"}, AllowInternal: []string{"127.0.0.1"}}
	fill(t, reflect.ValueOf(&c.Limits).Elem())
	fill(t, reflect.ValueOf(&c.Render).Elem())
	o := CrawlerOptions(c)
	same(t, reflect.ValueOf(c.Limits), reflect.ValueOf(o))
	same(t, reflect.ValueOf(c.Render), reflect.ValueOf(o.Render))
	if o.UserAgent != "ua" || o.Proxy != c.Proxy || !o.ResolveOnly || o.Resolve["a.example"] != "127.0.0.1:1" ||
		len(o.AllowInternal) != 1 || o.AllowInternal[0] != "127.0.0.1" {
		t.Errorf("network options %+v", o)
	}

	l := &config.Listing{}
	fill(t, reflect.ValueOf(l).Elem())
	sel := listingSelectors(l)
	same(t, reflect.ValueOf(*l), reflect.ValueOf(*sel))
	if n, m := reflect.TypeOf(*l).NumField(), reflect.TypeOf(*sel).NumField(); n != m {
		t.Errorf("config.Listing has %d fields, crawler.ListingSelectors %d", n, m)
	}
	if listingSelectors(nil) != nil {
		t.Error("no listing selectors must stay nil")
	}
}

// fill sets every field of the struct v to a distinct non-zero value.
func fill(t *testing.T, v reflect.Value) {
	t.Helper()
	for i := range v.NumField() {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(v.Type().Field(i).Name + "-value")
		case reflect.Int, reflect.Int64:
			f.SetInt(int64(1000 + i))
		default:
			t.Fatalf("fill: field %s of kind %s", v.Type().Field(i).Name, f.Kind())
		}
	}
}

// same checks that every field of from equals the same-named field of to.
func same(t *testing.T, from, to reflect.Value) {
	t.Helper()
	for i := range from.NumField() {
		name := from.Type().Field(i).Name
		g := to.FieldByName(name)
		if !g.IsValid() {
			t.Errorf("%s.%s has no field of that name in %s", from.Type(), name, to.Type())
			continue
		}
		if !reflect.DeepEqual(from.Field(i).Interface(), g.Interface()) {
			t.Errorf("%s.%s = %v reaches %s as %v", from.Type(), name, from.Field(i).Interface(), to.Type(), g.Interface())
		}
	}
}
