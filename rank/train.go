package rank

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// Example is one labelled text.
type Example struct {
	Text   string
	Label  string // one of Classes
	Source string // where it came from, for the training summary
	// Site is the site the text was written on (the record's "site"
	// field, else its URL's host; "" when unknown: the text is its own
	// site), for Options.MinSites.
	Site string
}

// Options are the training settings. Zero values take the defaults in
// brackets.
type Options struct {
	Name        string    // ["certwatch-rank"]
	Description string    //
	Created     time.Time // [now]; the default model fixes it so it rebuilds byte for byte
	Seed        uint64    // [1]
	Epochs      int       // [25]
	BatchSize   int       // [32]
	// LearningRate is AdaGrad's step [0.5].
	LearningRate float64
	// L2 is the penalty on weights, applied to the features an example
	// batch touches [1e-6]; negative for none.
	L2    float64
	MinDF int // an n-gram must occur in this many training texts [2]
	// MinSites: an n-gram must also occur on this many sites (Example.Site;
	// a text without one is its own site) [0: no such condition]. The
	// wording one site repeats on all its pages is not kept as a feature.
	MinSites int
	MaxVocab int // the vocabulary keeps the most frequent n-grams [200000]
	NGramMin int // [1]
	NGramMax int // [3]
	MaxRunes int // text read per example, after normalising [20000]
	// Window is the length of the windows long texts are judged by
	// [300]; negative for whole texts only.
	Window int
	// SkipWindowRound leaves out the window round: by default the model
	// is trained a second time with long texts also as the windows
	// Predict judges them by — every window of a negative text as a
	// negative, and for a positive text the window the first model finds
	// most positive (where the offer is) as a positive.
	SkipWindowRound bool
	// NegWindowWeight is the weight of a negative window relative to its
	// text's: a number, or 0 for 1/(number of windows) [0].
	NegWindowWeight float64
	Threshold       float64 // [0.5]
	Workers         int     // [GOMAXPROCS]
	// Progress, when set, is called after each epoch.
	Progress func(epoch int, loss float64)
}

func (o *Options) defaults() {
	o.Name = cmp.Or(o.Name, "certwatch-rank")
	if o.Created.IsZero() {
		o.Created = time.Now()
	}
	o.Created = o.Created.UTC().Truncate(time.Second)
	o.Seed = cmp.Or(o.Seed, 1)
	o.Epochs = cmp.Or(o.Epochs, 25)
	o.BatchSize = cmp.Or(o.BatchSize, 32)
	o.LearningRate = cmp.Or(o.LearningRate, 0.5)
	o.L2 = cmp.Or(o.L2, 1e-6)
	if o.L2 < 0 {
		o.L2 = 0
	}
	o.MinDF = cmp.Or(o.MinDF, 2)
	o.MaxVocab = cmp.Or(o.MaxVocab, 200000)
	o.NGramMin = cmp.Or(o.NGramMin, 1)
	o.NGramMax = cmp.Or(o.NGramMax, 3)
	o.MaxRunes = cmp.Or(o.MaxRunes, 20000)
	o.Window = cmp.Or(o.Window, 300)
	if o.Window < 0 {
		o.Window = 0
	}
	o.Threshold = cmp.Or(o.Threshold, 0.5)
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
}

// ErrNoData is returned when the examples cannot train a model.
var ErrNoData = errors.New("not enough labelled examples")

// trainExample is an example as the optimiser sees it.
type trainExample struct {
	v      vector
	y      int
	weight float64
}

// Train fits a model to examples (see the package comment for the
// method). The same examples, in the same order, with the same options
// give the same payload byte for byte, whatever the number of workers.
func Train(ctx context.Context, examples []Example, o Options) (*Model, error) {
	o.defaults()
	if o.NGramMin < 1 || o.NGramMax < o.NGramMin || o.NGramMax > 8 {
		return nil, fmt.Errorf("rank: train: n-gram range %d–%d is not within 1–8", o.NGramMin, o.NGramMax)
	}
	if !(o.Threshold > 0 && o.Threshold < 1) {
		return nil, fmt.Errorf("rank: train: threshold %v is not in (0, 1)", o.Threshold)
	}
	if strings.ContainsFunc(o.Name, func(r rune) bool { return r < ' ' || r == '@' || r == '+' }) {
		return nil, fmt.Errorf("rank: train: model name %q holds control characters, @ or +", o.Name)
	}
	K := len(Classes)
	counts := map[string]int{}
	sources := map[string]map[string]int{}
	var sourceOrder []string
	ys := make([]int, len(examples))
	for i, ex := range examples {
		y := slices.Index(Classes, ex.Label)
		if y < 0 {
			return nil, fmt.Errorf("rank: train: example %d from %s: label %q is not one of %v", i+1, ex.Source, ex.Label, Classes)
		}
		ys[i] = y
		counts[ex.Label]++
		if sources[ex.Source] == nil {
			sources[ex.Source] = map[string]int{}
			sourceOrder = append(sourceOrder, ex.Source)
		}
		sources[ex.Source][ex.Label]++
	}
	if counts[Negative] == 0 || len(counts) < 2 {
		return nil, fmt.Errorf("rank: train: %w: need negative and positive examples, have %v", ErrNoData, counts)
	}

	// 1. Normalise, in parallel.
	texts := make([][]rune, len(examples))
	parallel(o.Workers, len(examples), func(i int) { texts[i] = prepare(examples[i].Text, o.MaxRunes) })
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// 2. Document frequency: each worker counts a contiguous share, the
	// shares are summed (sums do not depend on the order).
	df := documentFrequency(texts, o)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	type cand struct {
		h  uint64
		df int32
	}
	var cands []cand
	var sites map[uint64]int32
	if o.MinSites > 1 {
		sites = siteFrequency(texts, examples, o)
	}
	for h, n := range df {
		if int(n) >= o.MinDF && (sites == nil || int(sites[h]) >= o.MinSites) {
			cands = append(cands, cand{h, n})
		}
	}
	df, sites = nil, nil
	slices.SortFunc(cands, func(a, b cand) int { return cmp.Or(cmp.Compare(b.df, a.df), cmp.Compare(a.h, b.h)) })
	if len(cands) > o.MaxVocab {
		cands = cands[:o.MaxVocab]
	}
	if len(cands) == 0 {
		return nil, fmt.Errorf("rank: train: %w: no n-gram occurs in %d texts", ErrNoData, o.MinDF)
	}
	index := newGramIndex(len(cands))
	for j, c := range cands {
		index.put(c.h, int32(j))
	}
	V := len(cands)

	// 3. Vectors (and, for long negatives, their windows).
	cw := classWeights(counts)
	perText := make([][]trainExample, len(texts))
	parallel(o.Workers, len(texts), func(i int) {
		var scratch []int32
		v, scratch := vectorize(texts[i], o.NGramMin, o.NGramMax, index, scratch)
		out := []trainExample{{v: v, y: ys[i], weight: cw[ys[i]]}}
		perText[i] = out
	})
	var train []trainExample
	for _, t := range perText {
		train = append(train, t...)
	}
	perText = nil
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// 4. Multinomial logistic regression by mini-batch AdaGrad.
	w, bias, err := fit(ctx, train, V, K, o)
	if err != nil {
		return nil, err
	}
	// 4b. The window round: long texts again as the windows Predict
	// judges them by, and a second fit from scratch.
	if !o.SkipWindowRound && o.Window > 0 {
		extra := make([][]trainExample, len(texts))
		parallel(o.Workers, len(texts), func(i int) {
			rs := texts[i]
			if len(rs) <= o.Window {
				return
			}
			var scratch []int32
			ws := windows(len(rs), o.Window)[1:]
			if ys[i] == 0 {
				for _, wd := range ws {
					var v vector
					v, scratch = vectorize(rs[wd[0]:wd[1]], o.NGramMin, o.NGramMax, index, scratch)
					extra[i] = append(extra[i], trainExample{v: v, y: 0, weight: cw[0] * o.negWindowWeight(len(ws))})
				}
				return
			}
			best, bestPos := vector{}, -1.0
			for _, wd := range ws {
				var v vector
				v, scratch = vectorize(rs[wd[0]:wd[1]], o.NGramMin, o.NGramMax, index, scratch)
				if p := positive(v, w, bias, K); p > bestPos {
					best, bestPos = v, p
				}
			}
			extra[i] = append(extra[i], trainExample{v: best, y: ys[i], weight: cw[ys[i]]})
		})
		for _, e := range extra {
			train = append(train, e...)
		}
		if w, bias, err = fit(ctx, train, V, K, o); err != nil {
			return nil, err
		}
	}

	// 5. The n-grams' text, quantisation, and the model as it will load.
	vocab := make([]string, V)
	found := 0
	for _, rs := range texts {
		grams(rs, o.NGramMin, o.NGramMax, func(h uint64, g []rune) {
			if j, ok := index.get(h); ok && vocab[j] == "" {
				vocab[j] = string(g)
				found++
			}
		})
		if found == V {
			break
		}
	}
	qm := quantize(vocab, w, bias, K)
	qm.params = [4]uint64{uint64(o.NGramMin), uint64(o.NGramMax), uint64(o.MaxRunes), uint64(o.Window)}
	qm.threshold = o.Threshold
	payload, err := encodePayload(qm)
	if err != nil {
		return nil, fmt.Errorf("rank: train: %w", err)
	}
	sum := sha256.Sum256(payload)
	h := Header{
		Format: Format, Name: o.Name, Created: o.Created, Description: o.Description,
		TrainedOn: TrainingSummary{Examples: len(examples), Counts: counts, Settings: Settings{
			Seed: o.Seed, Epochs: o.Epochs, BatchSize: o.BatchSize, LearningRate: o.LearningRate, L2: o.L2,
			MinDF: o.MinDF, MinSites: o.MinSites, MaxVocab: o.MaxVocab, WindowRound: !o.SkipWindowRound && o.Window > 0, NegWindowW: o.NegWindowWeight, ClassWeights: map[string]float64{},
		}},
		Features: Features{Scheme: FeatureScheme, Normaliser: NormaliserFingerprint, NGramMin: o.NGramMin,
			NGramMax: o.NGramMax, MaxRunes: o.MaxRunes, Window: o.Window},
		Classes:   slices.Clone(Classes),
		VocabSize: len(qm.vocab),
		Threshold: o.Threshold,
		Payload:   Payload{Encoding: "gzip", Size: int64(len(payload)), SHA256: hex.EncodeToString(sum[:])},
	}
	for c, name := range Classes {
		if counts[name] > 0 {
			h.TrainedOn.Settings.ClassWeights[name] = math.Round(cw[c]*1000) / 1000
		}
	}
	for _, s := range sourceOrder {
		h.TrainedOn.Sources = append(h.TrainedOn.Sources, Source{Name: s, Counts: sources[s]})
	}
	m, err := decodePayload(h, payload)
	if err != nil {
		return nil, fmt.Errorf("rank: train: the new model does not read back: %w", err)
	}
	return m, nil
}

func (o *Options) negWindowWeight(n int) float64 {
	if o.NegWindowWeight > 0 {
		return o.NegWindowWeight
	}
	return 1 / float64(n)
}

// positive is 1 − P(negative) of v under float weights.
func positive(v vector, w, bias []float64, K int) float64 {
	z := slices.Clone(bias)
	for i, j := range v.idx {
		x := float64(v.val[i])
		for c := range z {
			z[c] += x * w[int(j)*K+c]
		}
	}
	softmax(z)
	return 1 - z[0]
}

// parallel runs fn(0..n-1) on workers goroutines, each a contiguous share.
func parallel(workers, n int, fn func(i int)) {
	var wg sync.WaitGroup
	per := (n + workers - 1) / max(workers, 1)
	for start := 0; start < n; start += per {
		end := min(start+per, n)
		wg.Go(func() {
			for i := start; i < end; i++ {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// documentFrequency counts, per n-gram hash, the texts it occurs in.
func documentFrequency(texts [][]rune, o Options) map[uint64]int32 {
	parts := make([]map[uint64]int32, o.Workers)
	var wg sync.WaitGroup
	per := (len(texts) + o.Workers - 1) / o.Workers
	for wk := range o.Workers {
		wg.Go(func() {
			local := map[uint64]int32{}
			var seen []uint64
			for i := wk * per; i < min((wk+1)*per, len(texts)); i++ {
				seen = seen[:0]
				grams(texts[i], o.NGramMin, o.NGramMax, func(h uint64, _ []rune) { seen = append(seen, h) })
				slices.Sort(seen)
				seen = slices.Compact(seen)
				for _, h := range seen {
					local[h]++
				}
			}
			parts[wk] = local
		})
	}
	wg.Wait()
	df := parts[0]
	for _, p := range parts[1:] {
		if len(p) > len(df) {
			df, p = p, df
		}
		for h, n := range p {
			df[h] += n
		}
	}
	return df
}

// siteFrequency counts, per n-gram hash, the sites (Example.Site; a text
// without one is its own site) whose texts hold it. Texts are visited
// site by site, in a fixed order, on one goroutine.
func siteFrequency(texts [][]rune, examples []Example, o Options) map[uint64]int32 {
	order := make([]int, len(texts))
	for i := range order {
		order[i] = i
	}
	site := func(i int) string {
		if s := examples[i].Site; s != "" {
			return "s:" + s
		}
		return fmt.Sprintf("t:%d", i)
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(site(a), site(b)) })
	out := map[uint64]int32{}
	seen := map[uint64]bool{}
	for k, i := range order {
		if k > 0 && site(order[k-1]) != site(i) {
			for h := range seen {
				out[h]++
			}
			clear(seen)
		}
		grams(texts[i], o.NGramMin, o.NGramMax, func(h uint64, _ []rune) { seen[h] = true })
	}
	for h := range seen {
		out[h]++
	}
	return out
}

// classWeights balances the classes: N / (classes present × count),
// capped at 10 so a class with a handful of examples does not dominate.
func classWeights(counts map[string]int) []float64 {
	var n int
	for _, c := range counts {
		n += c
	}
	present := len(counts)
	out := make([]float64, len(Classes))
	for c, name := range Classes {
		if k := counts[name]; k > 0 {
			out[c] = min(float64(n)/float64(present*k), 10)
		}
	}
	return out
}

// fit runs mini-batch AdaGrad on the multinomial logistic loss. Each batch
// has two phases on all workers: the residuals p − y of its examples
// (split by example), then the gradient and update of the weights (split
// by feature range: each weight is summed over the batch's examples in
// their order by one worker). No phase depends on scheduling, so the
// result is the same for any number of workers.
func fit(ctx context.Context, data []trainExample, V, K int, o Options) ([]float64, []float64, error) {
	w := make([]float64, V*K)
	g2 := make([]float64, V*K)
	grad := make([]float64, V*K)
	bias := make([]float64, K)
	bg2 := make([]float64, K)
	stamp := make([]int32, V) // batch number + 1 that last touched feature j
	rng := rand.New(rand.NewPCG(o.Seed, 0x63657274))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	B := o.BatchSize
	resid := make([]float64, B*K)
	losses := make([]float64, B)
	workers := o.Workers
	bounds := make([]int32, workers+1)
	for k := range bounds {
		bounds[k] = int32(k * V / workers)
	}
	touched := make([][]int32, workers)
	batchNo := int32(0)
	for epoch := 1; epoch <= o.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var loss float64
		for start := 0; start < len(order); start += B {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
			batch := order[start:min(start+B, len(order))]
			batchNo++
			// Phase 1: residuals.
			parallel(workers, len(batch), func(b int) {
				ex := &data[batch[b]]
				z := resid[b*K : b*K+K]
				copy(z, bias)
				for i, j := range ex.v.idx {
					x := float64(ex.v.val[i])
					row := w[int(j)*K : int(j)*K+K]
					for c := range z {
						z[c] += x * row[c]
					}
				}
				softmax(z)
				losses[b] = -ex.weight * math.Log(max(z[ex.y], 1e-12))
				for c := range z {
					t := 0.0
					if c == ex.y {
						t = 1
					}
					z[c] = ex.weight * (z[c] - t)
				}
			})
			for b := range batch {
				loss += losses[b]
			}
			// Phase 2: gradient and update, by feature range.
			inv := 1 / float64(len(batch))
			parallel(workers, workers, func(wk int) {
				lo, hi := bounds[wk], bounds[wk+1]
				tl := touched[wk][:0]
				for b, ei := range batch {
					ex := &data[ei]
					r := resid[b*K : b*K+K]
					for i, j := range ex.v.idx {
						if j < lo || j >= hi {
							continue
						}
						if stamp[j] != batchNo {
							stamp[j] = batchNo
							tl = append(tl, j)
						}
						x := float64(ex.v.val[i])
						gr := grad[int(j)*K : int(j)*K+K]
						for c := range gr {
							gr[c] += x * r[c]
						}
					}
				}
				for _, j := range tl {
					base := int(j) * K
					for c := range K {
						g := grad[base+c]*inv + o.L2*w[base+c]
						g2[base+c] += g * g
						w[base+c] -= o.LearningRate * g / (math.Sqrt(g2[base+c]) + 1e-8)
						grad[base+c] = 0
					}
				}
				touched[wk] = tl
			})
			for c := range K {
				var g float64
				for b := range batch {
					g += resid[b*K+c]
				}
				g *= inv
				bg2[c] += g * g
				bias[c] -= o.LearningRate * g / (math.Sqrt(bg2[c]) + 1e-8)
			}
		}
		if o.Progress != nil {
			o.Progress(epoch, loss/float64(len(data)))
		}
	}
	return w, bias, nil
}

// quantize stores each class's weights as int8 times a per-class scale
// and drops the n-grams whose weights all round to zero.
func quantize(vocab []string, w, bias []float64, K int) *quantized {
	V := len(vocab)
	scale := make([]float32, K)
	for c := range K {
		var mx float64
		for j := range V {
			mx = max(mx, math.Abs(w[j*K+c]))
		}
		scale[c] = float32(mx / 127)
	}
	qm := &quantized{scale: scale, bias: make([]float32, K)}
	for c := range K {
		qm.bias[c] = float32(bias[c])
	}
	row := make([]int8, K)
	for j := range V {
		keep := false
		for c := range K {
			q := 0.0
			if scale[c] > 0 {
				q = math.Round(w[j*K+c] / float64(scale[c]))
			}
			row[c] = int8(max(min(q, 127), -127))
			keep = keep || row[c] != 0
		}
		if keep && vocab[j] != "" {
			qm.vocab = append(qm.vocab, vocab[j])
			qm.q = append(qm.q, row...)
		}
	}
	return qm
}
