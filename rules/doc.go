// Package rules owns the rule-pack file format that departments and
// analysts edit, its strict loading, pack versioning, and the default pack
// embedded in the binary.
//
// # File format
//
// A pack is one YAML document:
//
//	name: default                      # short machine name
//	issuer: 区应急管理局                # the department that supplies it
//	version: "2024.08"                 # declared version, free text
//	threshold: 6                       # a page scoring at least this is flagged
//	window: 12                         # default co-occurrence window, in words
//	categories:                        # every category a rule may use, with its display name
//	  cert_sale: 买卖假证
//	search_terms: [电工证 免考]         # what a sweep searches marketplaces for
//	negations: [不, 严禁, 谨防]          # a term right after one of these does not count
//	negation_gap: 2                    # characters allowed between cue and term (default 2)
//	not_negations: [不同, 不少]          # words that begin with a cue but negate nothing: a term after them counts
//	question_gap: 8                    # a term followed within 8 characters of its clause by "?" is asked about, not offered (default 0: off)
//	ignore_quoted: true                # terms inside “quotation marks” do not count
//	exclusion_window: 60               # exclusions count within 60 words of the rule's hits (0: anywhere)
//	contact_bonus: {weight: 2, window: 40}  # a personal contact within 40 characters of a rule's hit adds 2 (optional)
//	exclusions:                        # pack-wide context that lowers a score
//	  - id: gov-warning
//	    reason: 政府警示或专项行动通知
//	    weight: -8                     # per distinct term found …
//	    max_hits: 3                    # … at most this many times (default 1)
//	    near_lines: 1                  # only in the title and within 1 line of the rule's hits (default: anywhere in the window)
//	    terms: [专项整治, 严厉打击]
//	rules:
//	  - id: cert-sale-no-exam
//	    category: cert_sale
//	    description: 宣称免考、包过、直接出证的证书买卖信息
//	    legal_basis: 《中华人民共和国安全生产法》第三十条 …
//	    route: takedown_cac            # takedown_cac | takedown_samr | police_referral
//	    terms:                         # weighted terms; each distinct term counts once
//	      - {term: 办证, weight: 3, pinyin: true}
//	      - {pattern: '证.{0,2}出售', weight: 2}
//	    groups:                        # co-occurrence: one term of every slot within window words
//	      - name: 证书+免考
//	        weight: 5
//	        window: 10
//	        all:
//	          - [电工证, 操作证]
//	          - [免考, 包过]
//	          - ["@contact"]           # @contact, @phone, @wechat, @qq, @url: a contact found
//	    near:                          # proximity clauses over families (see Offer grammar)
//	      - {name: 办+证, weight: 5, all: [offer_verb, cert_noun], within: 6}
//	    exclusions: [...]              # as above, for this rule only
//	families: {...}                    # see Offer grammar
//	short_text: {max_chars: 200, threshold: 4, corroborators: [price, "@contact"], two_signals: true, questions: [question]}
//	genres: [...]                      # see Genres
//	imitation: {...}                   # see Imitation
//	removal:                           # optional: markers for removal checks
//	  gone: [该商品已下架, 帖子已被删除]    # the site says the page was taken down
//	  blocked: [请登录后查看, 验证码]       # a login wall or captcha hides the page
//
// # Evaluation
//
// A term is written as a reader would write it; the matcher normalizes terms
// with the same function as page text (width, traditional characters, case,
// look-alike characters), so one spelling covers its variants. A "pattern"
// is an RE2 regular expression over normalized text; patterns are evaluated
// only on pages on which a literal term of the pack already matched, so a
// pattern can add to a score but never opens a page on its own. With
// "pinyin: true" the matcher also accepts the term's pinyin, joined or with
// the syllables apart, mixed with characters for terms of up to four
// characters, and its initials, as whole Latin words ("办证": banzheng,
// ban zheng, ban证, 办zheng, bz); "pinyin: full" leaves out the initials,
// for terms whose initials are too short to mean anything.
//
// A term or group item preceded by a negation cue (不代考, 严禁“替考”), or,
// with ignore_quoted, standing inside quotation marks, does not count. A rule's score is the sum of the weights of its distinct
// matched terms, plus the weight of every satisfied group, plus, for every
// exclusion of the rule or the pack, its (negative) weight times the number
// of its distinct terms found, up to max_hits. Exclusion terms count within
// exclusion_window words of the rule's hits; an exclusion with near_lines
// counts only in the title and within that many lines of a line where the
// rule scored (lines are the page's text lines: paragraphs, replies, list
// items), for context that sidebars, footers and other replies carry.
//
// With contact_bonus, a rule that already scored with a positive term or
// group gains weight (once) when a personal contact — a mobile number,
// WeChat, QQ or Telegram id, as decoded from homophones, styled digits and
// look-alike app names; not a web address or domain, and not a bare
// disguised number, which is only reported as a possible contact — stands
// within window characters (of normalized text) of one of the rule's
// scoring hits. A rule one of whose groups already used a contact slot
// gets no bonus (the contact counted there). Contacts never widen the
// exclusion window: exclusions count near the rule's terms and group
// items only. Without the key there is no bonus; both keys are required,
// the weight in (0, 100], the window in [1, 1000]. A page's score is the
// highest rule score; it is flagged when that reaches the pack's threshold.
//
// # Offer grammar
//
// Families are named sets of terms that analysts edit:
//
//	families:
//	  cert_noun:                       # a mapping: sub-families
//	    特种作业: [电工证, 焊工证]       # members of cert_noun and of cert_noun.特种作业
//	    学历: [毕业证, 文凭]
//	  offer_verb:                      # a list of items
//	    - 办理                          # a term
//	    - {term: 办证, pinyin: true}    # with its pinyin, as for rule terms
//	    - {term: 办, unless: [办公, 举办]}  # not inside these words
//	  fake_mod: [假, 仿, 高仿]
//	  fake_cert:
//	    - 假证
//	    - {family: forged}              # every member of another family
//	    - {compose: [fake_mod, cert_noun], gap: 2}  # 假 + 毕业证, up to 2 characters apart
//
// A family's members are its terms, the members of its sub-families
// (named "family.sub", e.g. cert_noun.学历) and of the families it
// includes, and the hits of its compositions: a member of the modifier
// family that ends at most gap characters (default 2) before a member of
// the head family starts, reported as one span (假+毕业证). Family names
// are lower-case letters, digits and '_'; sub-family names may be Chinese.
//
// A rule's near clauses combine families (and the contact tokens of
// groups, or "@price": an amount of money written with digits or numerals
// and a unit, 800元, 两千元, 1.5万; a price never fills a contact token):
//
//	near:
//	  - name: 办+证                     # shown in reasons
//	    weight: 5
//	    all: [offer_verb, cert_noun, "@contact"]   # one member of each
//	    within: 6                        # characters (default 8)
//	    order: any                       # any (default) or ordered
//
// Distances are counted in characters of normalized text, across
// separators, line breaks and word boundaries, so they do not depend on
// how the segmenter cuts the words (办毕业证 is 办 + 毕业证 with 0 between).
// Normalization has already joined characters split by up to three
// separators (办 证, 办.证, 毕 业证, 电-工-证 → 办证, 毕业证, 电工证), with the
// offset map kept, so split words match and highlight in the original.
// With order any, every member must lie within "within" characters of a
// member of the first family listed (before or after it); with ordered,
// each member must start after the previous one ends, at most "within"
// characters later. A clause with one family is satisfied by any member.
// The tightest set counts; a satisfied clause adds its weight once, and
// its reason names the members that fired and their distance:
// 近邻“办+证”(+5)：办理+毕业证（offer_verb+cert_noun，间隔 2 字）. Its spans are
// highlighted like terms (match kind "near").
//
// Family members are found by the same automaton as terms but without the
// word-boundary check that terms get (a short member such as 办 is guarded
// by its unless words instead); a member after a negation cue, or inside
// quotation marks with ignore_quoted, does not count, as for terms. Every
// family named in a near clause or in short_text must exist; references
// must not form a cycle.
//
// # Short texts
//
// Titles, comments, messages and listing fields have room for one signal.
// With short_text set, a unit of the page (see Blocks: a title, a post, a
// listing card, or the title with the main text of a short page) of at
// most max_chars normalized characters is flagged by a rule that reaches
// short_text.threshold (at most the pack's threshold) instead of the
// pack's threshold when all of these hold: one term or near clause of the
// rule weighs at least short_text.threshold by itself (the strong
// signal); no exclusion lowered the rule's score; and the text holds a
// corroborator — a member of one of the corroborators families, a
// contact of a listed token, or with "@price" an amount of money written
// with digits and a unit (800元, 1.5万, 300块, 人民币300) — outside the spans that made the rule's
// score. The reason says so: 短文本（38 字，不超过 200 字）：强信号 近邻“办+证”
// 加佐证“微信…”（@contact），阈值 4.
// With "two_signals: true" two independent signals of one rule — terms,
// groups or near clauses that each weigh at least 2 and share no span —
// reaching short_text.threshold together stand for the strong signal and
// its corroborator (代评 + 包过 on a 15-character message; no exclusion may
// have lowered the score either). The reason names both: 短文本（…）：两个
// 独立信号 “代评” 与 “包过”，阈值 4.

// "questions" names families of question words (吗, 哪里, 怎么, 是否, …):
// a short text no rule touched that holds one and no corroborator asks
// for information, and the learned model never flags it alone (package
// detect, "Questions"). Each must name a family (not a contact token or
// "@price"); without the key the detector's built-in list applies. Like
// corroborators, question words never open the model's short-text gate.
//
// # Genres
//
// Genres name kinds of text that talk about fake certificates without
// offering them, and how much they lower a score:
//
//	genres:
//	  - id: news                       # shown in findings (Finding.Genre)
//	    name: 新闻报道                   # shown in reasons
//	    cues: [记者, 据报道, 责任编辑]     # distinct cues that recognise it …
//	    min_cues: 2                      # … at least this many (default 1)
//	    with: [是真的吗, "吗?"]            # optional: and at least one of these too
//	    factor: 0.4                      # positive scores are multiplied by this, in (0, 1]
//
// A genre is recognised in a text when min_cues of its distinct cues occur
// there (a cue inside a longer cue of the same genre, 整治 in 专项整治,
// does not count again) and, with "with", one of those words too. Cues are
// matched like exclusion terms: in quotation marks and after negation cues
// too, without word boundaries. The page's genre is recognised in its
// content (title, main text, posts, listing fields; not navigation,
// footers, sidebars or boilerplate), each block's genre in the block. A
// text with more cues is surer of its genre: the factor is the pack's at
// min_cues and its square from twice min_cues on (geometric in between);
// the page's genre applies at that strength to its title and main text,
// at the pack's factor to posts, listing cards and the chrome. The
// positive part of a rule's score in a block is multiplied by the lower
// factor of the block's genre and the page's, except in a block that holds
// a personal contact (mobile, WeChat, QQ, Telegram): whoever gives one
// speaks for a seller. When the exclusions that lowered the rule already
// used the genre's cues (fewer than min_cues left without them), the
// factor does not apply: the same words count once. Each genre needs an
// id (unique), a name, cues and a factor; min_cues may not exceed the
// number of cues, a cue may not be listed twice.
//
// # Blocks
//
// A page is scored per unit of its blocks (package page): the title with
// the main text, the title alone, each post or reply, each listing card
// (the seller's name apart, at weight 0.6), and the navigation, footers,
// sidebars, boilerplate and link texts, one unit per kind. Everything
// below — terms, groups, near clauses, contacts, exclusions, the contact
// bonus, the short-text threshold — is evaluated inside one unit, with
// the unit's hits only. The unit's score is multiplied by its kind's
// weight (1 for content, 0.6 link texts, 0.3 sidebars and boilerplate,
// 0.2 navigation and footers) and its genre factor. A rule's page score
// is its best unit (the one furthest above its threshold) plus half the
// positive score of each other unit, at most 2 in all. An exclusion term
// inside the offer itself (overlapping a span that scored, or within the
// at most 16 characters of one line between the members of a satisfied
// group or near clause) or inside a contact does not count. The title
// alone counts only when the article met no exclusion for the rule.
//
// # Order of evaluation
//
// For each rule and each unit: its terms, then patterns (only when a
// literal term scored), its groups, its near clauses; a rule with nothing
// positive stops there. Then the contact bonus (not when a group or near
// clause already used a contact), the exclusions, counted near what
// scored (groups and near clauses included), the threshold (the pack's,
// or the short-text threshold as above, for a short unit), and the unit's
// weight and genre factor. Then the rule's best unit and the bonus of the
// others, as under Blocks. The page's score is the highest rule score.
//
// # Removal checks
//
// After a takedown notice, certwatch fetches the noticed pages again and
// decides whether the content came down (package sweep, Recheck). The
// removal section gives the phrases by which sites say so. Markers are
// normalized like terms and looked for in the normalized title and text
// of the re-fetched page, as plain substrings. A page that the rules still
// flag is live whatever markers it shows (the offer is still public); on
// any other page a gone marker means removed, and a blocked marker means
// the check could not see the page: blocked markers count only on short
// pages, since long ones mention 登录 or 验证码 in their navigation. The
// markers of every pack in use count. Each list, when given, must be
// non-empty and hold distinct, non-empty phrases; a removal section with
// neither list, or with any other key, is an error.
//
// # Errors
//
// Loading is strict and never skips a bad rule: an unknown key, a wrong type,
// a missing or empty value, a weight that is zero or outside [-100, 100], an
// empty term, a duplicate id, an undeclared category or route, a pattern
// that does not compile, an unknown or cyclic family reference, a family
// item with none or more than one of term/family/compose, a near clause
// naming a family that does not exist, a short-text threshold above the
// pack's, or a genre without id, name, cues or factor, with a factor
// outside (0, 1], a duplicate id or min_cues above its number of cues is
// an error naming file, line and key path, e.g.
//
//	rules/dept.yaml:14: rules[2].terms[0].weight: must be a number in [-100, 100] other than 0, got "heavy"
//
// All errors of a file are reported together.
package rules
