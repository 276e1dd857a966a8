// Package matcher decides whether a page offers fake certificates, and
// why. It owns normalization (width, traditional→simplified from a table
// generated from OpenCC, case, invisible characters and separators between
// CJK characters, look-alike characters), the one multi-pattern automaton
// over a pack's terms, pattern and pinyin forms, segmentation with gse
// (only on pages that have a candidate, with a trimmed embedded dictionary
// plus the pack's terms) for word boundaries and co-occurrence windows,
// negation and quotation, exclusions, scoring with reasons in Chinese,
// contact extraction (phone numbers written with Chinese numerals,
// homophones and look-alike digits, WeChat, QQ, URLs) and imitation-site
// detection.
//
// Rules are scored per unit of the page's typed blocks (units.go: the
// article, the title, each post, each listing card, the site's chrome),
// with exclusions local to their unit, and genres (genre.go: news, police
// and court reports, warnings, platform rules, debunking Q&A, job ads,
// honest training, how-to texts) lower scores by the factor the pack
// gives them.
//
// A Matcher is compiled once from rule packs (Compile) and is safe for
// concurrent use; Match returns a Finding whose match and contact offsets
// point into the page's original Title and Text, so the review UI can
// highlight them. It fetches nothing and stores nothing.
package matcher
