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
//	    exclusions: [...]              # as above, for this rule only
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
// empty term, a duplicate id, an undeclared category or route, or a pattern
// that does not compile is an error naming file, line and key path, e.g.
//
//	rules/dept.yaml:14: rules[2].terms[0].weight: must be a number in [-100, 100] other than 0, got "heavy"
//
// All errors of a file are reported together.
package rules
