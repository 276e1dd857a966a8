package rank

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fixture builds a small labelled set from phrase lists, the way offers
// and the texts around them are written: each text picks its parts with a
// seeded generator. Offers of each kind, and negatives (news, warnings,
// school notices, job ads) that share the nouns.
func fixture(seed uint64, perClass int) []Example {
	r := rand.New(rand.NewPCG(seed, 7))
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	cert := func() string {
		return pick("电工证", "焊工证", "高处作业证", "叉车证", "安全员证", "低压电工证", "司炉证")
	}
	phone := func() string { return fmt.Sprintf("1%d%08d", 3+r.IntN(7), r.IntN(100000000)) }
	var out []Example
	for range perClass {
		out = append(out,
			Example{Label: "cert_sale", Source: "fixture", Text: pick("专业办理", "快速出证", "直接拿证", "代办") + cert() + "，" +
				pick("不用考试", "免考", "无需培训") + "，" + pick("官网可查", "全国可查", "可查可验") + "，" + pick("微信", "V信", "电话") + phone()},
			Example{Label: "exam_fraud", Source: "fixture", Text: cert() + "考试" + pick("代考", "替考", "包过") + "，" +
				pick("提供考试答案", "题库答案", "远程协助") + "，" + pick("考前付款", "过了再付") + " " + pick("QQ", "微信") + phone()},
			Example{Label: "training_fraud", Source: "fixture", Text: pick("培训机构", "职业学校") + "招生：" + pick("不用上课", "挂名培训", "不来上课") + "，" +
				pick("交钱拿证", "学费包含证书") + "，" + pick("协会证书等同国家证书", "证书挂靠年薪") + " 咨询" + phone()},
			Example{Label: "imitation_site", Source: "fixture", Text: pick("全国特种作业操作证查询", "安全生产资格证书查询平台") + "\n" +
				pick("请输入证件号码", "身份证号") + "\n" + pick("证书编号", "姓名") + "\n验证码\n查询\n版权所有 应急管理部"},
			Example{Label: Negative, Source: "fixture", Text: pick("警方破获", "法院审理", "市场监管局查处") + "一起制售假" + cert() + "案件，" +
				pick("提醒市民", "请广大群众") + pick("通过官方平台查询证书", "参加正规培训考试") + "。"},
			Example{Label: Negative, Source: "fixture", Text: pick("本校", "培训中心") + cert() + "培训班" + pick("开课", "报名") + "，" +
				pick("考试合格", "理论实操合格") + "后由应急管理局发证，" + pick("周末班", "晚班") + "，电话" + phone()},
			Example{Label: Negative, Source: "fixture", Text: pick("招聘", "诚聘") + pick("电工", "焊工", "叉车司机") + "，要求持" + cert() + "，" +
				pick("月薪八千", "包吃住") + "，联系" + phone()},
		)
	}
	return out
}

func trainFixture(t testing.TB, o Options) *Model {
	t.Helper()
	o.Created = time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	o.MinDF = 1
	m, err := Train(context.Background(), fixture(1, 30), o)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTrainingIsDeterministic(t *testing.T) {
	a := trainFixture(t, Options{Workers: 1})
	b := trainFixture(t, Options{Workers: 2})
	c := trainFixture(t, Options{Workers: 3, Seed: 2})
	if a.header.Payload.SHA256 != b.header.Payload.SHA256 || !bytes.Equal(a.payload, b.payload) {
		t.Errorf("same data and seed, 1 and 2 workers: payloads %s and %s differ", a.header.Payload.SHA256, b.header.Payload.SHA256)
	}
	if a.Version() != b.Version() {
		t.Errorf("versions %s and %s differ", a.Version(), b.Version())
	}
	if a.header.Payload.SHA256 == c.header.Payload.SHA256 {
		t.Error("another seed gave the same payload: the seed is not used")
	}
}

func TestModelSeparatesTheFixture(t *testing.T) {
	m := trainFixture(t, Options{})
	held := fixture(99, 6) // other draws of the same phrase lists
	right, total := map[string]int{}, map[string]int{}
	for _, ex := range held {
		total[ex.Label]++
		if m.Predict(ex.Text).Category == ex.Label {
			right[ex.Label]++
		}
	}
	for class, n := range total {
		if float64(right[class]) < 0.9*float64(n) {
			t.Errorf("%s on unseen draws: %d of %d right", class, right[class], n)
		}
	}
	p := m.Predict("快速出证焊工证，免考，官网可查，微信13912345678")
	if p.Category != "cert_sale" || p.Positive < m.header.Threshold {
		t.Fatalf("offer predicted %+v", p)
	}
	var sum float64
	for _, v := range p.Probs {
		sum += v
	}
	if sum < 0.999 || sum > 1.001 || len(p.Probs) != len(Classes) {
		t.Errorf("probabilities %v sum to %v", p.Probs, sum)
	}
	if len(p.Top) == 0 || len(p.Top) > TopN {
		t.Fatalf("%d top n-grams", len(p.Top))
	}
	norm := string(prepare("快速出证焊工证，免考，官网可查，微信13912345678", 1000))
	for i, c := range p.Top {
		if !strings.Contains(norm, c.NGram) {
			t.Errorf("top n-gram %q is not in the normalised text %q", c.NGram, norm)
		}
		if i > 0 && c.Weight > p.Top[i-1].Weight {
			t.Errorf("top n-grams not in descending order: %+v", p.Top)
		}
	}
	if n := m.Predict("警方破获一起制售假电工证案件，提醒市民通过官方平台查询证书。"); n.Category != Negative {
		t.Errorf("news predicted %+v", n)
	}
	if e := m.Predict(""); e.Window != [2]int{0, 0} || len(e.Probs) != len(Classes) {
		t.Errorf("empty text: %+v", e)
	}
}

func TestLongPageIsJudgedByItsWindows(t *testing.T) {
	m := trainFixture(t, Options{Window: 60})
	offer := "快速出证焊工证，免考，官网可查，微信13912345678"
	filler := strings.Repeat("今天天气很好，我们去公园散步，看到很多人在跳舞和下棋。", 20)
	p := m.Predict(filler + offer + filler)
	if p.Category != "cert_sale" {
		t.Fatalf("offer inside a long page: %+v", p)
	}
	rs := prepare(filler+offer+filler, 1<<20)
	if got := string(rs[p.Window[0]:p.Window[1]]); !strings.Contains(got, "免考") {
		t.Errorf("judged window %q does not hold the offer", got)
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	m := trainFixture(t, Options{Name: "dept-model", Description: "测试模型"})
	path := filepath.Join(t.TempDir(), "m.cwm")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	l, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if l.Version() != m.Version() || !strings.HasPrefix(l.Version(), "dept-model@2026-12-02+") || len(l.Version()) != len("dept-model@2026-12-02+")+12 {
		t.Errorf("version %q after loading, %q before", l.Version(), m.Version())
	}
	h := l.Header()
	if h.Format != Format || h.Description != "测试模型" || h.TrainedOn.Examples != 210 || h.TrainedOn.Counts["cert_sale"] != 30 ||
		len(h.TrainedOn.Sources) != 1 || h.Features.Normaliser != NormaliserFingerprint || h.VocabSize != len(l.vocab) {
		t.Errorf("header after loading: %+v", h)
	}
	b1, _ := m.Bytes()
	b2, _ := l.Bytes()
	if !bytes.Equal(b1, b2) {
		t.Error("a loaded model does not write the bytes it was read from")
	}
	for _, ex := range fixture(5, 2) {
		a, b := m.Predict(ex.Text), l.Predict(ex.Text)
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if !bytes.Equal(ja, jb) {
			t.Errorf("prediction changed by save and load:\n%s\n%s", ja, jb)
		}
	}
}

// editHeader rewrites a model file's header with fn (the payload stays).
func editHeader(t *testing.T, data []byte, fn func(map[string]any)) []byte {
	t.Helper()
	nl := bytes.IndexByte(data, '\n')
	var h map[string]any
	if err := json.Unmarshal(data[:nl], &h); err != nil {
		t.Fatal(err)
	}
	fn(h)
	hb, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	return append(append(hb, '\n'), data[nl+1:]...)
}

func TestCorruptModelFiles(t *testing.T) {
	m := trainFixture(t, Options{Name: "dept-model"})
	good, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	nl := bytes.IndexByte(good, '\n')
	flip := func(at int) []byte {
		b := bytes.Clone(good)
		b[at] ^= 0x40
		return b
	}
	// A payload whose hash is right but whose content is not a model.
	var junk bytes.Buffer
	junk.Write([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0}) // empty gzip
	junkSum := sha256.Sum256(junk.Bytes())
	rehashed := editHeader(t, append(good[:nl+1:nl+1], junk.Bytes()...), func(h map[string]any) {
		p := h["payload"].(map[string]any)
		p["size"], p["sha256"] = junk.Len(), hex.EncodeToString(junkSum[:])
	})
	for _, tc := range []struct {
		name    string
		data    []byte
		want    error
		version bool   // the message names the version
		say     string // and says this
	}{
		{"empty", nil, ErrNotModel, false, "no certwatch-model/1 header"},
		{"not a model", []byte("name: dept\nrules: []\n"), ErrNotModel, false, "header"},
		{"truncated payload", good[:len(good)-100], ErrTruncated, true, "payload bytes"},
		{"truncated header", good[:nl/2], ErrTruncated, false, "header line does not end"},
		{"flipped payload byte", flip(nl + 1 + (len(good)-nl)/2), ErrCorrupt, true, "SHA-256"},
		{"flipped header byte", flip(3), ErrNotModel, false, "header"},
		{"extra bytes", append(bytes.Clone(good), 0), ErrCorrupt, true, "payload bytes"},
		{"bad payload with a matching hash", rehashed, ErrCorrupt, true, "payload"},
		{"wrong format", editHeader(t, good, func(h map[string]any) { h["format"] = "other-model/1" }), ErrNotModel, false, "other-model/1"},
		{"future version", editHeader(t, good, func(h map[string]any) { h["format"] = "certwatch-model/2" }), ErrFuture, true, "upgrade certwatch"},
		{"future version with new fields", editHeader(t, good, func(h map[string]any) {
			h["format"], h["calibration"] = "certwatch-model/2", "isotonic"
		}), ErrFuture, false, "certwatch-model/2"},
		{"other normaliser", editHeader(t, good, func(h map[string]any) {
			h["features"].(map[string]any)["normaliser"] = "000000000000"
		}), ErrMismatch, true, "normaliser 000000000000"},
		{"other feature scheme", editHeader(t, good, func(h map[string]any) {
			h["features"].(map[string]any)["scheme"] = "word-unigram/1"
		}), ErrMismatch, true, "feature scheme"},
		{"other classes", editHeader(t, good, func(h map[string]any) {
			h["classes"] = []string{"negative", "cert_sale"}
		}), ErrMismatch, true, "classes"},
		{"no name", editHeader(t, good, func(h map[string]any) { h["name"] = "" }), ErrMismatch, false, "model name"},
		{"threshold edited in the header", editHeader(t, good, func(h map[string]any) { h["threshold"] = 0.2 }), ErrCorrupt, true, "threshold"},
		{"vocabulary size differs", editHeader(t, good, func(h map[string]any) { h["vocab_size"] = 3 }), ErrCorrupt, true, "header says"},
		{"oversize", append(bytes.Clone(good), make([]byte, MaxModelSize)...), ErrTooLarge, false, "more than"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bad.cwm")
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(path)
			var le *LoadError
			if !errors.As(err, &le) || !errors.Is(err, tc.want) {
				t.Fatalf("Load: %v, want a LoadError wrapping %v", err, tc.want)
			}
			msg := err.Error()
			if !strings.Contains(msg, path) || !strings.Contains(msg, tc.say) {
				t.Errorf("message %q should name the file and say %q", msg, tc.say)
			}
			if tc.version && !strings.Contains(msg, "dept-model@2026-12-02+") {
				t.Errorf("message %q should name the model's version", msg)
			}
		})
	}
}

func TestDefaultModel(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatalf("the embedded model does not load (retrain it with go generate ./rank): %v", err)
	}
	h := m.Header()
	var names []string
	for _, s := range h.TrainedOn.Sources {
		names = append(names, s.Name)
	}
	for _, want := range []string{"testdata/corpus/cert_sale.jsonl", "testdata/unseen/pages-v6.jsonl", "testdata/real/texts.jsonl"} {
		if !strings.Contains(strings.Join(names, " "), want) {
			t.Errorf("trained_on sources %v lack %s", names, want)
		}
	}
	if size := int64(len(defaultModel)); size > 5<<20 {
		t.Errorf("default model is %d bytes, over 5 MB", size)
	}
	if h.TrainedOn.Settings.Seed == 0 || h.Created.IsZero() || h.VocabSize < 1000 {
		t.Errorf("header %+v", h)
	}
}

func TestReadExamplesKeepsTheTestSplitOut(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "texts.jsonl")
	lines := []string{
		`{"id":"a","text":"电工证免考","label":"cert_sale","split":"train"}`,
		`{"id":"b","text":"新闻报道","label":"negative","split":"dev"}`,
		`{"id":"c","text":"代考","label":"exam_fraud","split":"test"}`,
		`{"id":"d","text":"学校通知","label":"clean_training"}`,
		`{"id":"e","text":"无标签"}`,
		`{"id":"f","text":"奇怪","label":"spam"}`,
		`not json`,
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	texts := func(ex []Example) string {
		var s []string
		for _, e := range ex {
			s = append(s, strings.TrimPrefix(e.Text, "\n")+"="+e.Label)
		}
		return strings.Join(s, " ")
	}
	ex, problems, err := ReadExamples(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := texts(ex), "电工证免考=cert_sale 学校通知=negative"; got != want {
		t.Errorf("default (train): %s, want %s", got, want)
	}
	if len(problems) != 3 || !strings.Contains(problems[0].Error(), "texts.jsonl:5") || !strings.Contains(problems[2].Error(), "texts.jsonl:7") {
		t.Errorf("problems %v: want lines 5, 6 and 7", problems)
	}
	ex, _, _ = ReadExamples(ctx, path, "dev", "test")
	if got, want := texts(ex), "新闻报道=negative 学校通知=negative"; got != want {
		t.Errorf("dev and test asked: %s, want %s (never the test split)", got, want)
	}
}

func TestTrainRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	if _, err := Train(ctx, []Example{{Text: "a", Label: "cert_sale"}}, Options{}); !errors.Is(err, ErrNoData) {
		t.Errorf("only positives: %v", err)
	}
	if _, err := Train(ctx, []Example{{Text: "a", Label: "spam", Source: "x.jsonl"}}, Options{}); err == nil || !strings.Contains(err.Error(), `"spam"`) {
		t.Errorf("unknown label: %v", err)
	}
	if _, err := Train(ctx, fixture(1, 2), Options{NGramMin: 3, NGramMax: 2}); err == nil {
		t.Error("bad n-gram range accepted")
	}
}

func TestPredictConcurrently(t *testing.T) {
	m := trainFixture(t, Options{Window: 40})
	texts := fixture(3, 4)
	want := make([]string, len(texts))
	for i, ex := range texts {
		b, _ := json.Marshal(m.Predict(ex.Text + strings.Repeat("，今天天气很好", i)))
		want[i] = string(b)
	}
	errs := make(chan string, 4*len(texts))
	done := make(chan struct{})
	for range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			for i, ex := range texts {
				b, _ := json.Marshal(m.Predict(ex.Text + strings.Repeat("，今天天气很好", i)))
				if string(b) != want[i] {
					errs <- fmt.Sprintf("text %d: %s, alone %s", i, b, want[i])
				}
			}
		}()
	}
	for range 4 {
		<-done
	}
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// FuzzParse: whatever the bytes, Parse returns a model or a *LoadError,
// never panics, and a model it returns writes back the same bytes.
func FuzzParse(f *testing.F) {
	m := trainFixture(f, Options{})
	good, _ := m.Bytes()
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte(`{"format":"certwatch-model/1"}` + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse("fuzz.cwm", data)
		if err != nil {
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("error %v is not a *LoadError", err)
			}
			return
		}
		b, err := m.Bytes()
		if err != nil || !bytes.Equal(b, data) {
			t.Fatalf("a parsed model writes other bytes (%v)", err)
		}
		m.Predict("电工证免考")
	})
}

// Prediction looks n-grams up once per text (positions, windowVector);
// training vectorises each text (vectorize). Both must give one vector.
func TestWindowVectorMatchesVectorize(t *testing.T) {
	m := trainFixture(t, Options{})
	f := m.header.Features
	for _, ex := range fixture(11, 3) {
		rs := prepare(ex.Text+" 联系 "+ex.Text, f.MaxRunes)
		want, _ := vectorize(rs, f.NGramMin, f.NGramMax, m.index, nil)
		sc := m.getScratch()
		sc.pos = positions(sc.pos, rs, f.NGramMin, f.NGramMax, m.index)
		got := windowVector(sc, [2]int{0, len(rs)}, f.NGramMin, f.NGramMax)
		if len(got.idx) != len(want.idx) || len(want.idx) == 0 {
			t.Fatalf("%d features from positions, %d from vectorize", len(got.idx), len(want.idx))
		}
		vals := map[int32]float32{}
		for i, j := range want.idx {
			vals[j] = want.val[i]
		}
		for i, j := range got.idx {
			if d := got.val[i] - vals[j]; d > 1e-6 || d < -1e-6 {
				t.Errorf("feature %q: %v from positions, %v from vectorize", m.vocab[j], got.val[i], vals[j])
			}
		}
	}
}
