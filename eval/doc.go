// Package eval measures detection on labelled text: precision, recall and F1
// overall, per category, per text kind and per input file, the confusion
// between categories, and every miss and false alarm with the reasons the
// classifier gave, for one configuration or two side by side
// (`certwatch eval`).
//
// # Classifiers
//
// A Classifier turns a page into a Verdict (flagged, category, score,
// reasons, the channel that decided). The classifier certwatch measures
// is package detect's Detector — the rules, or the rules and the learned
// model combined — the same decision sweeps make; package eval knows
// neither the rules nor the model format.
//
// # Records
//
// Records are read with page.Read (JSON Lines of {"url", "html"} or
// {"url", "text"}; other fields land in Page.Meta). Fields eval reads:
//
//   - label (required): normalised by Label: cert_sale, exam_fraud,
//     training_fraud and imitation_site are the four categories (case and
//     "-" vs "_" do not matter); negative, clean, none, benign, ok, "0" and
//     any label starting with clean_ or negative_ mean negative. Anything
//     else, or no label, is bad input: reported with file:line and key
//     "label", and the record is left out.
//   - id: shown in lists (default: file:line).
//   - split: train, dev or test. See Selection.
//   - kind: the text kind when it is one of page, post, listing, short;
//     otherwise a hint for Kind.
//
// # Text kinds
//
// Kind derives page, post, listing or short for a record whose kind field
// is not one of them, in this order:
//
//  1. page: a record read from markup (it has a title, links or forms);
//  2. short: the text is at most ShortRunes (140) characters;
//  3. listing: the kind field has a word listing, classified, marketplace,
//     shop or product (words split at "-", "_", " ");
//  4. post: the kind field has a word forum, post, reply, comment(s),
//     social, moments, chat, video, caption, qa, question, answer, message,
//     sms, buyer, request, group, im;
//  5. page: longer than LongRunes (500) characters;
//  6. post: anything else.
//
// # Splits
//
// A record without a split field is always evaluated. A record with one is
// evaluated when its split is selected: by default train and dev; the test
// split only when asked for by name (--split test), because it is kept for
// reporting. Records left out are counted by split, never classified.
//
// # Measures
//
// Gold positive: a record labelled with one of the four categories.
// Predicted positive: flagged.
//
//   - Flagged at all (overall, per kind, per file): TP = positive and
//     flagged, FP = negative and flagged, FN = positive and not flagged,
//     TN = negative and not flagged.
//   - Right category (overall): a positive counts as caught only when
//     flagged with its own category; a positive flagged with another
//     category is both a false positive and a false negative (micro average
//     over the categories).
//   - Per category c, right category: TP = gold c and predicted c,
//     FP = predicted c and gold not c (negatives and other categories),
//     FN = gold c and not predicted c (missed or another category). Per
//     category, flagged at all: recall = gold c flagged with any category /
//     gold c; precision = predicted c that are positives of any category /
//     predicted c.
//
// Precision = TP/(TP+FP), recall = TP/(TP+FN), F1 their harmonic mean; a
// measure whose denominator is 0 is undefined ("—" in text, null in JSON).
// The confusion matrix has gold labels as rows and predicted categories as
// columns, with 未标记 (not flagged) as the last column.
package eval
