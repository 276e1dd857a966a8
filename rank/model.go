package rank

import (
	"cmp"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/certwatch/certwatch/page"
)

// Classes are the classes a model predicts, in the order of its weights.
// Negative is first; the others are the rule packs' category ids.
var Classes = []string{Negative, "cert_sale", "exam_fraud", "training_fraud", "imitation_site"}

// Negative is the class of texts that offer nothing.
const Negative = "negative"

// Model is a trained classifier. It is safe for concurrent use.
type Model struct {
	header  Header
	vocab   []string   // feature index → n-gram (normalised, digits as 0)
	index   *gramIndex // hashGram(n-gram) → feature index
	w       []float32  // feature-major: w[j*K+c]
	bias    []float32  // per class
	neg     int        // index of Negative in header.Classes
	payload []byte     // as stored in the file
	rawHdr  []byte     // the header line as read (nil for a new model)
	scratch sync.Pool  // *scratch for Predict
}

// Header is the self-description at the start of a model file.
type Header struct {
	// Format is "certwatch-model/1".
	Format      string    `json:"format"`
	Name        string    `json:"name"`
	Created     time.Time `json:"created"`
	Description string    `json:"description,omitempty"`
	// TrainedOn says what the model learnt from.
	TrainedOn TrainingSummary `json:"trained_on"`
	Features  Features        `json:"features"`
	// Classes in weight order; must be a permutation-free copy of Classes.
	Classes   []string `json:"classes"`
	VocabSize int      `json:"vocab_size"`
	// Threshold: a text is an offer when 1 − P(negative) reaches it.
	Threshold float64 `json:"threshold"`
	Payload   Payload `json:"payload"`
}

// TrainingSummary records the training data and settings.
type TrainingSummary struct {
	Examples int            `json:"examples"`
	Counts   map[string]int `json:"counts"` // per class
	Sources  []Source       `json:"sources"`
	Settings Settings       `json:"settings"`
}

// Source is one input of a training run with its examples per class.
type Source struct {
	Name   string         `json:"name"`
	Counts map[string]int `json:"counts"`
}

// Settings are the training hyper-parameters (see Options).
type Settings struct {
	Seed         uint64             `json:"seed"`
	Epochs       int                `json:"epochs"`
	BatchSize    int                `json:"batch_size"`
	LearningRate float64            `json:"learning_rate"`
	L2           float64            `json:"l2"`
	MinDF        int                `json:"min_df"`
	MinSites     int                `json:"min_sites,omitempty"`
	MaxVocab     int                `json:"max_vocab"`
	ClassWeights map[string]float64 `json:"class_weights"`
	WindowRound  bool               `json:"window_round"`
	NegWindowW   float64            `json:"negative_window_weight,omitempty"`
}

// Features describes the feature scheme; a model loads only where it
// matches this program's.
type Features struct {
	Scheme     string `json:"scheme"`
	Normaliser string `json:"normaliser"` // NormaliserFingerprint at training
	NGramMin   int    `json:"ngram_min"`
	NGramMax   int    `json:"ngram_max"`
	MaxRunes   int    `json:"max_runes"` // text read, in runes after normalising
	Window     int    `json:"window"`    // runes per window for long texts; 0: whole text only
}

// Payload describes the bytes after the header line.
type Payload struct {
	Encoding string `json:"encoding"` // "gzip"
	Size     int64  `json:"size"`
	SHA256   string `json:"sha256"`
}

// Version is name@created+sha256[:12] (the creation date, the payload's
// hash), the string findings record, like a rule pack's version.
func (m *Model) Version() string { return m.header.version() }

func (h *Header) version() string {
	sum := h.Payload.SHA256
	if len(sum) > 12 {
		sum = sum[:12]
	}
	return h.Name + "@" + h.Created.UTC().Format("2006-01-02") + "+" + sum
}

// Header returns a copy of the model's header.
func (m *Model) Header() Header { return m.header }

// Prediction is the model's judgement of one text.
type Prediction struct {
	// Probs is the probability of each class (they sum to 1) for the
	// part of the text judged (see Window).
	Probs map[string]float64 `json:"probs"`
	// Positive is 1 − Probs[negative]: the chance that it offers anything.
	Positive float64 `json:"positive"`
	// Category is the likeliest non-negative class when Positive reaches
	// the model's threshold, else "negative".
	Category string `json:"category"`
	// Top are the n-grams that moved the decision most, strongest first:
	// for a positive category their pull towards it and away from
	// negative, for negative the reverse against the likeliest other class.
	Top []Contribution `json:"top"`
	// Window is the judged piece in runes of the normalised text: the
	// whole text, or for a long text the window with the highest
	// Positive. End is 0 when the text was empty.
	Window [2]int `json:"window"`
	// Model is the model's version.
	Model string `json:"model"`
}

// Contribution is one n-gram's share in a prediction.
type Contribution struct {
	NGram  string  `json:"ngram"`
	Weight float64 `json:"weight"`
}

// TopN is how many contributions a Prediction lists.
const TopN = 10

// Predict judges text (see PageText for a page). Long texts are judged as
// a whole and window by window (Features.Window runes, half overlapping);
// the piece with the highest Positive decides, so one offer among
// navigation and replies is not diluted.
func (m *Model) Predict(text string) Prediction {
	f := m.header.Features
	rs := prepare(text, f.MaxRunes)
	sc := m.getScratch()
	defer m.scratch.Put(sc)
	sc.pos = positions(sc.pos, rs, f.NGramMin, f.NGramMax, m.index)
	bestPos := -1.0
	var bestProbs []float64
	var bestVec vector
	var span [2]int
	for _, w := range windows(len(rs), f.Window) {
		v := windowVector(sc, w, f.NGramMin, f.NGramMax)
		probs := m.probs(v)
		if pos := 1 - probs[m.neg]; pos > bestPos {
			bestPos, bestProbs, bestVec, span = pos, probs, v, w
		}
	}
	p := Prediction{Probs: make(map[string]float64, len(m.header.Classes)), Positive: bestPos, Window: span, Model: m.Version()}
	for c, name := range m.header.Classes {
		p.Probs[name] = bestProbs[c]
	}
	top := -1
	for c := range m.header.Classes {
		if c != m.neg && (top < 0 || bestProbs[c] > bestProbs[top]) {
			top = c
		}
	}
	p.Category = Negative
	target, against := m.neg, top
	if bestPos >= m.header.Threshold {
		p.Category = m.header.Classes[top]
		target, against = top, m.neg
	}
	p.Top = m.explain(bestVec, target, against)
	return p
}

// scratch is the per-call working memory of Predict.
type scratch struct {
	pos    []int32 // feature index of the n-gram at each (position, length); -1 if none
	counts []int32 // per feature, within one window; zero between uses
	ids    []int32 // features seen in the window, in order of first sight
}

func (m *Model) getScratch() *scratch {
	if sc, ok := m.scratch.Get().(*scratch); ok {
		return sc
	}
	return &scratch{counts: make([]int32, len(m.vocab))}
}

// positions looks up every n-gram of rs once: out[i*span+n-lo] is the
// feature index of rs[i:i+n], or -1.
func positions(out []int32, rs []rune, lo, hi int, index *gramIndex) []int32 {
	span := hi - lo + 1
	out = slices.Grow(out[:0], len(rs)*span)[:len(rs)*span]
	for i := range rs {
		h := fnvOffset
		for n := 1; n <= hi; n++ {
			j := int32(-1)
			if i+n <= len(rs) {
				h = hashRune(h, rs[i+n-1])
				if k, ok := index.get(final(h)); ok && !(n == 1 && rs[i] == ' ') {
					j = k
				}
			}
			if n >= lo {
				out[i*span+n-lo] = j
			}
		}
	}
	return out
}

// windowVector is vectorize for the runes w of a text whose n-grams
// positions found: the same values, in order of first sight.
func windowVector(sc *scratch, w [2]int, lo, hi int) vector {
	span := hi - lo + 1
	ids := sc.ids[:0]
	for i := w[0]; i < w[1]; i++ {
		for k := lo; k <= hi && i+k <= w[1]; k++ {
			j := sc.pos[i*span+k-lo]
			if j < 0 {
				continue
			}
			if sc.counts[j] == 0 {
				ids = append(ids, j)
			}
			sc.counts[j]++
		}
	}
	v := vector{idx: make([]int32, len(ids)), val: make([]float32, len(ids))}
	var norm float64
	for i, j := range ids {
		x := float32(math.Log1p(float64(sc.counts[j])))
		sc.counts[j] = 0
		v.idx[i], v.val[i] = j, x
		norm += float64(x) * float64(x)
	}
	if norm > 0 {
		inv := float32(1 / math.Sqrt(norm))
		for i := range v.val {
			v.val[i] *= inv
		}
	}
	sc.ids = ids
	return v
}

// PredictPage judges a page: PageText(p).
func (m *Model) PredictPage(p *page.Page) Prediction { return m.Predict(PageText(p)) }

// Threshold is the 1 − P(negative) at which the model calls a text an
// offer.
func (m *Model) Threshold() float64 { return m.header.Threshold }

// probs is the softmax of the class scores of v.
func (m *Model) probs(v vector) []float64 {
	k := len(m.bias)
	z := make([]float64, k)
	for c := range z {
		z[c] = float64(m.bias[c])
	}
	for i, j := range v.idx {
		x := float64(v.val[i])
		row := m.w[int(j)*k : int(j)*k+k]
		for c := range z {
			z[c] += x * float64(row[c])
		}
	}
	softmax(z)
	return z
}

func softmax(z []float64) {
	mx := math.Inf(-1)
	for _, v := range z {
		mx = max(mx, v)
	}
	var sum float64
	for c := range z {
		z[c] = math.Exp(z[c] - mx)
		sum += z[c]
	}
	for c := range z {
		z[c] /= sum
	}
}

// explain lists the n-grams of v that pull most towards class target and
// away from class against.
func (m *Model) explain(v vector, target, against int) []Contribution {
	k := len(m.bias)
	better := func(a, b Contribution) bool {
		return a.Weight > b.Weight || (a.Weight == b.Weight && a.NGram < b.NGram)
	}
	out := make([]Contribution, 0, TopN+1)
	for i, j := range v.idx {
		d := float64(v.val[i]) * float64(m.w[int(j)*k+target]-m.w[int(j)*k+against])
		if d <= 0 {
			continue
		}
		c := Contribution{NGram: m.vocab[j], Weight: d}
		if len(out) == TopN && !better(c, out[TopN-1]) {
			continue
		}
		at := len(out)
		for at > 0 && better(c, out[at-1]) {
			at--
		}
		out = slices.Insert(out, at, c)
		if len(out) > TopN {
			out = out[:TopN]
		}
	}
	for i := range out {
		out[i].Weight = math.Round(out[i].Weight*1e4) / 1e4
	}
	return out
}

// TopNGrams lists the n n-grams that pull hardest towards class: for a
// positive class, weight(class) − weight(negative); for negative,
// weight(negative) − the largest weight of another class.
func (m *Model) TopNGrams(class string, n int) []Contribution {
	c := slices.Index(m.header.Classes, class)
	if c < 0 {
		return nil
	}
	k := len(m.bias)
	var out []Contribution
	for j, g := range m.vocab {
		row := m.w[j*k : j*k+k]
		var d float32
		if c == m.neg {
			other := float32(math.Inf(-1))
			for o := range row {
				if o != c {
					other = max(other, row[o])
				}
			}
			d = row[c] - other
		} else {
			d = row[c] - row[m.neg]
		}
		if d > 0 {
			out = append(out, Contribution{NGram: g, Weight: math.Round(float64(d)*1e4) / 1e4})
		}
	}
	slices.SortFunc(out, func(a, b Contribution) int {
		return cmp.Or(cmp.Compare(b.Weight, a.Weight), cmp.Compare(a.NGram, b.NGram))
	})
	return out[:min(n, len(out))]
}
