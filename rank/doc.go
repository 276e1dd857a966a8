// Package rank is certwatch's learned second stage: a small text classifier
// that says how likely a text is an offer of each kind (cert_sale,
// exam_fraud, training_fraud, imitation_site) or none (negative), and which
// character n-grams drove that. Rules find what analysts wrote down; the
// model generalises from labelled examples to phrasings nobody listed.
// Combining its vote with the rule score is package detect's business; this
// package owns the model, its file format and training. A *Model is an
// eval.Classifier on its own (`certwatch model test` measures it with
// package eval, like `certwatch eval` measures the combination).
//
// # Features
//
// A text (for a page: PageText — title, visible text, form labels) is
// normalised with matcher.NormalizeString, so the model sees what the rules
// see: full width folded, traditional to simplified, look-alike app names
// folded, invisible characters dropped, separators inside CJK words
// removed (办 证 → 办证). Then every digit becomes 0 (a phone number or a
// price is a shape, not a value) and white space runs one space. Features
// are the character n-grams of that text, 1 to 3 characters by default
// (2–4 and 1–4 measured no better on the dev split), n-grams that are a
// single space left out. The vocabulary is chosen on the training set by
// document frequency: n-grams in at least MinDF (2) texts, the MaxVocab
// (200,000) most frequent; explanations therefore name n-grams that exist.
// A text's value for an n-gram is log(1 + count), and the vector is
// L2-normalised, so long and short texts are comparable.
//
// # Long texts
//
// A page's offer is often one block among navigation, replies and footers;
// averaged over the whole page it fades. Predict therefore judges the whole
// text and every window of Features.Window runes (300 by default, half
// overlapping) and keeps the piece with the highest 1 − P(negative);
// Prediction.Window says which. Training matches that in two rounds: first
// on whole texts; then, with the first model, the window of each long
// positive text that looks most positive (where the offer is) is added as
// a positive and every window of each long negative text as a negative
// (weight 1/windows), and the model is fitted again from scratch
// (Options.SkipWindowRound leaves the second round out). Texts are read up
// to MaxRunes (20,000) runes.
//
// Measured with models trained without v4–v6 (synthetic corpus + real
// train split) and threshold 0.5, recall/precision on the held-out v5 long
// pages: whole texts only 0.18/0.89; windows at prediction only
// 0.86/0.86 (but a model trained that way could not even fit v5 when v5
// was in its training data: 23 false alarms among its own training
// pages); windows with the second round 0.80/0.88, and on the dev split
// 8 of 8 offers, no false alarm.
//
// # Model
//
// Multinomial logistic regression over the five classes with an L2
// penalty, trained by mini-batch AdaGrad (batch 32, 25 epochs, step 0.5,
// L2 1e-6 applied to the weights each batch touches). Epochs and L2 were
// chosen on the real corpus's dev split with the decision of package
// detect (bar 0.85, short texts no rule touched judged too), averaged over
// seeds 1–4, dev and v7 TP/FP: 15 epochs and L2 1e-5 (the former defaults)
// 49/1 and 65.75/2; 25 epochs and 1e-6 51.75/1.75 and 69.5/2.5; 25 and
// 3e-6 50/1 and 67.75/1.25. Measured and not kept (seeds 1–2, bars 0.7–0.8
// and 0.9 for short texts): character 1–4- and 1–5-grams (no gain); 2–4-
// and 2–5-grams (dev catches within one of 1–3-grams, two or three more
// false alarms, and up to three among the 15 everyday dev texts); a
// negative window weight of 1 (no gain); averaging the weights of the last
// 6, 13 or 20 epochs (no gain, seeds differ as much); min-df 1 (v7 5.25
// false alarms against 2.5) or 3, windows of 150 or 600 runes (no gain,
// more false alarms; seeds 1–4, final bars). Fitting the window round two
// or three times with successive seeds and averaging the weights (seeds 1,
// 11, 21, 31: dev false alarms 1.5 and 1.25 against 2.25, v7 no better)
// doubles the training time: not kept. Averaging the probabilities of the
// four seeds' models did help (bar 0.85, short texts at 0.9: dev 51/1 and
// v7 70/1 against seed 1's 50/2 and 69/1) but trains four times: over the
// 60 s budget for 10,000 texts. Averaging two seeds (1 and 2), measured
// with tools/cvmodel.py (source-grouped 5-fold cross-validation on the
// real train split, detect's decision at 0.85): TP/FP 164/7 against seed
// 1's 163/7 and seed 2's 166/8 — no gain worth twice the training, not
// kept. Word n-grams from the segmenter were not tried: the matcher's
// segmenter is built from the packs' terms (a model's features would then
// depend on the pack in force) over gse's dictionary (memory every scan
// would pay).
//
// Measured for generalisation to unseen sites (round 3), with
// tools/cvmodel.py --pool train,dev (source-grouped 5-fold
// cross-validation on the real train and dev splits: 265 offers, 431
// negatives; detect's decision with one bar, TP/FP at 0.85 and at 0.7;
// the defaults 229/12 and 236/19): every variant lies on the same
// precision–recall curve, none kept. L2 1e-5 216/7 and 229/11, 3e-5
// 206/6, 1e-4 202/6 (a stronger penalty only lowers the probabilities,
// as a higher bar does); min-df 3 226/10, 5 225/10; 10 epochs 229/13;
// character 1–2-grams 227/9 and 236/18, 2–3-grams 225/14, 1–4-grams with
// L2 1e-5 213/6; MinSites 2 (an n-gram must occur on two sites: the
// wording one site repeats is no feature; Options.MinSites, `model train
// --min-sites`) 227/10 and 235/19; class weights to the power 1.5 233/16
// (an everyday false alarm) or 0.5 225/9 and 232/14; each text weighted
// 1/√n or 1/n for the n texts of its site 225/11 and 223/11; the
// probabilities of two models averaged (this one with seed 2, with
// 1–2-grams, with L2 1e-5 or with MinSites 2) 229/11, 230/9, 222/8 and
// 228/11, for twice the training. In-domain
// texts of any length no rule touched judged too: one catch, two false
// alarms more. Bars by the model's category (package detect,
// "Per-category bars") gave 231/11 on this corpus and nothing after its
// round 12: not the default either. Pack-family indicator
// features and word n-grams were not tried: both make the model's
// features depend on the pack in force (an edited family would change
// what a feature means and the model would have to be retrained with
// every pack), and the segmenter's dictionary is memory every scan pays.
//
// Classes are weighted N / (classes × count), at most 10, so the few exam
// and training examples count. Training is deterministic: a fixed seed
// shuffles the examples each epoch, and the work is split across cores so
// that every sum is taken in the same order whatever the number of workers
// — the same data and options give the same payload, byte for byte.
//
// A text is an offer when 1 − P(negative) reaches the model's threshold
// (0.5, chosen on the dev split: 0.6–0.8 lost an offer there and recall on
// the held-out sets without gaining precision on dev); its category is
// then the likeliest positive class. Prediction.Top
// lists the n-grams with the largest pull value × (weight of the category
// − weight of negative) — for a negative verdict, the reverse against the
// likeliest positive class.
//
// # Model file
//
// One JSON header line, then the payload (see decodePayload):
//
//	{"format":"certwatch-model/1","name":…,"created":…,"trained_on":{counts, sources, settings},
//	 "features":{"scheme","normaliser","ngram_min","ngram_max","max_runes","window"},
//	 "classes":[…],"vocab_size":…,"threshold":…,"payload":{"encoding":"gzip","size":…,"sha256":…}}
//	<gzip: vocabulary, per-class bias and scale, int8 weights>
//
// Weights are quantised to int8 with one scale per class; n-grams whose
// weights all round to zero are dropped. A model's version is
// name@created-date+sha256(payload)[:12], like a rule pack's. Loading is
// strict and every failure is a *LoadError naming the file, the version
// when known, and one of: ErrTooLarge (over MaxModelSize), ErrNotModel
// (no header, unknown header fields, another format), ErrFuture (a later
// certwatch-model/N), ErrTruncated, ErrCorrupt (size or SHA-256 mismatch,
// bad payload), ErrMismatch (another feature scheme, normaliser or class
// list: the n-grams would not mean what they meant in training). The
// normaliser is identified by NormaliserFingerprint, a hash of
// matcher.NormalizeString over a probe text: when normalisation changes,
// the embedded default model stops loading and must be retrained
// (go generate ./rank).
//
// # Training data
//
// ReadExamples reads labelled JSON Lines through page.Read: "label" is a
// class, or "clean"/"clean_*"/"negative" for negative. Records with a
// "split" field are kept only for the splits asked for (train by default);
// the real corpus's test split is never returned (only package eval reads
// it, for a final aggregate report). FromStore adds reviewers' decisions:
// a confirmed case (or a referral awaiting approval) is an example of its
// category, a case dismissed as a false positive a negative, other
// dismissals and open cases are left out (tuning.CaseLabel); the text is
// the snapshot the reviewer saw.
//
// Default returns the embedded model default.cwm, trained on the synthetic
// corpus, the v4–v6 held-out sets and the train splits of the real corpus
// and of its everyday texts (negatives: flat shares, CVs, job ads and
// profiles with contacts, everyday questions), with the default options.
// tools/trainmodel.sh (`make model`, `go generate ./rank`) retrains it
// reproducibly — the creation date is that of the last commit touching
// the data, so the same data gives the same file — and writes the data's
// hashes, the header and the figures on the dev splits and v4–v7 (and,
// with python3, on the real train split by source-grouped
// cross-validation, tools/cvmodel.py) to default.eval.txt. Without the
// everyday texts among its negatives the model scored everyday short
// texts up to 0.99 (a GitHub profile with a QQ number), which kept it
// from judging short texts (package detect).
package rank
