package matcher

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestRealTrainDev measures the default pack on the train and dev splits of
// testdata/real (texts written by people outside the project). Records of
// the test split are skipped unread: that split is only for the final
// report. The floors sit a little below the figures measured when the
// offer grammar landed (train P 0.93 R 0.48, dev P 1.00 R 0.50, without
// the contact work of the same issue); they catch a collapse, they are not
// targets. Corpus round 3 (415 texts) added harder real text to both
// splits (quoted pitches, diploma-mill titles, exam-cheating and 挂证
// reports as hard negatives): on it the same pack measured train P 0.79
// R 0.44 and dev P 0.95 R 0.63 (round 2: train 0.89/0.57, dev 1.00/0.71),
// so the train floors were lowered with the data, not for a regression.
// Round 4 (465 texts: mostly quoted training-agency, answer-seller and
// fake-certificate pitches, with their reports) measured train P 0.80
// R 0.41 and dev P 0.96 R 0.54 with the same pack; the train recall floor
// was lowered again, from 0.40 to 0.37, with the data.
// Train misses are logged; dev is reported as figures only, so that
// nobody tunes on it record by record.
func TestRealTrainDev(t *testing.T) {
	f, err := os.Open("../testdata/real/texts.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dir := t.TempDir()
	out := map[string]*os.File{}
	for _, split := range []string{"train", "dev"} {
		w, err := os.Create(filepath.Join(dir, split+".jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		out[split] = w
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	for sc.Scan() {
		var rec struct {
			Split string `json:"split"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		w, ok := out[rec.Split]
		if !ok {
			continue // test split: not for development
		}
		if _, err := w.Write(append(sc.Bytes(), '\n')); err != nil {
			t.Fatal(err)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	m := defaultMatcher(t)
	for _, tc := range []struct {
		split                   string
		minPrecision, minRecall float64
		logMisses               bool
	}{
		{"train", 0.75, 0.37, true},
		{"dev", 0.75, 0.37, false},
	} {
		t.Run(tc.split, func(t *testing.T) {
			pages := loadCorpus(t, filepath.Join(dir, tc.split+".jsonl"))
			var tp, fp, fn int
			for _, lp := range pages {
				fl := m.Match(lp.p)
				positive := lp.label != "negative"
				switch {
				case positive && fl.Flagged:
					tp++
				case positive:
					fn++
					if tc.logMisses {
						t.Logf("MISSED %s [%s] score %.2f %v", lp.p.Meta["id"], lp.label, fl.Score, fl.Reasons)
					}
				case fl.Flagged:
					fp++
					if tc.logMisses {
						t.Logf("FALSE+ %s score %.2f %v", lp.p.Meta["id"], fl.Score, fl.Reasons)
					}
				}
			}
			precision := float64(tp) / float64(max(tp+fp, 1))
			recall := float64(tp) / float64(max(tp+fn, 1))
			t.Logf("%s: %d texts, tp %d fp %d fn %d; precision %.3f recall %.3f", tc.split, len(pages), tp, fp, fn, precision, recall)
			if precision < tc.minPrecision || recall < tc.minRecall {
				t.Errorf("%s: precision %.3f recall %.3f fell below the floors %.2f / %.2f", tc.split, precision, recall, tc.minPrecision, tc.minRecall)
			}
		})
	}
}
