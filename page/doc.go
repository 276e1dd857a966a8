// Package page owns the Page: what certwatch knows about one web page once
// its bytes are read — URL, title, visible text, forms, links and the
// charset it came in. The crawler produces Pages, the matcher reads them.
//
// It owns three things:
//
//   - Decoding: Decode turns raw bytes into UTF-8 (byte order mark, then the
//     Content-Type header, then a <meta> declaration, then a guess among
//     UTF-8, GB18030 and Big5). Nothing downstream ever sees legacy bytes.
//   - Extraction: FromHTML reads a document in one pass over its tokens
//     and keeps what a person sees (script, style, noscript, template and
//     title content excluded; block elements end a line), the forms with a
//     label for every field, and the links resolved against the page URL.
//     The tokens are those the tokenizer of golang.org/x/net/html returns
//     (same boundaries, names, attribute values and text, tests hold the
//     two together), cut by a lexer of its own straight from the decoded
//     string: that tokenizer copied every byte through a buffer and was
//     about half of the time. Pages are written by adversaries, so extraction
//     is linear in the input, never recursive, bounded in what it keeps, and
//     never fails on malformed markup; bodies over MaxBodySize are refused.
//   - Blocks: the same pass cuts Text into typed blocks (see Block and
//     Kind, and "Blocks" below), so the matcher can weigh an offer in a
//     reply above the same words in a menu.
//   - Input files: Read turns the inputs of `certwatch scan` — HTML and text
//     files, JSON Lines (also gzipped, also on standard input) and WARC
//     files — into Pages, reporting each bad piece with its position and
//     going on with the next. A document over MaxBodySize is read as far as
//     the limit and its Item says so (Cut).
//
// # Blocks
//
// Every Page has Blocks: the title, main text, each post or reply, each
// listing field, link and alt text, and the navigation, footers, sidebars
// and boilerplate around them. Text is their concatenation in document
// order, each block on lines of its own (so FromHTML's Text differs from a
// plain visible-text dump only by line breaks where one block ends and the
// next begins). The heuristics follow readability and boilerplate-removal
// practice, kept to one streaming pass:
//
//   - Elements. nav, header (outside the content), role=navigation/menu/
//     banner are nav; aside and role=complementary sidebar; footer (outside
//     the content) and role=contentinfo footer; main, article and
//     role=main/article start main text; an article inside main text, and
//     role=comment, itemprop=comment/answer/suggestedAnswer/acceptedAnswer
//     are posts; h1 is a title.
//   - Class and id words. Each class and id value is split into lower-case
//     tokens (digits dropped, so post_1234 is "post"); a token equal to a
//     word, starting with it, or (words of five letters or more) ending
//     with it counts: nav/menu/breadcrumb/pager/header… → nav;
//     footer/copyright/bottom… → footer; sidebar/side/widget/rank… →
//     sidebar; cookie/related/recommend/share/ads… → boilerplate (not
//     "banner": on the pages we hunt the banner is the pitch);
//     post/reply/comment/floor/answer/topic… → post; content/article/main/
//     detail… → main; title/subject → title (a listing title inside an item
//     card); price, seller/shop/store, desc/intro, contact/tel/phone/wechat
//     → listing fields. Words for low-weight regions are ignored when
//     another token of the same attribute says content/container/wrapper,
//     and inside a post or listing (a reply's own footer is part of the
//     reply). Once inside a low-weight region only other low-weight words
//     change the kind.
//   - Repeated siblings. A div, li, article, section, table, tr, dl, dd or
//     blockquote with a class or id is a candidate: if a sibling under the
//     same parent has the same tag and tokens, each one is a block of its
//     own — a listing card (listing_field, Field empty) when the tokens
//     say item/card/goods/product/listing/sku/offer, a post when the
//     tokens are post words inside a post (nested replies) or when one of
//     them starts with a reply marker ("2楼", "#3", "楼主：", "回复：",
//     "发表于" …). Otherwise candidates dissolve into the block around
//     them. Inside a post, a single element with a post word (the message
//     body of a Discuz! floor) is part of that post.
//   - Text. Inside main text, a stretch between divisions (div, p, ul,
//     table, headings …) with two or more links and at least half of its
//     bytes in link text is nav when the links average under 30 bytes
//     (about ten Chinese characters) and link_text otherwise; a short
//     stretch with a copyright or ICP line is a footer, one about cookies
//     boilerplate; a link list headed "相关新闻", "推荐阅读", "猜你喜欢" …
//     is boilerplate. A low-weight region holding over 60 % of the page's
//     text (and over 1000 bytes) with little link text is main text after
//     all, and a page with no content block at all gets its largest block
//     back as main: heuristics may lower a weight, never hide a page.
//   - Groups. The blocks of one post or item card share a Group (a card's
//     title, price and seller; the text of a reply around its nested
//     replies), so a card can be scored as one short text.
//   - Detached blocks carry text that is not in Text: the <title> (first
//     block), and each image's alt (or title) attribute where the image
//     stood. The meta description is a title block at the start of Text.
//   - Weights (Kind.Weight) are hints: 1 for title, main, post and listing
//     fields; 0.6 for link and alt text (offers hide in link farms and
//     image captions); 0.3 for sidebars and boilerplate; 0.2 for nav and
//     footers. The matcher decides how to use them.
//   - Bounds. The pass keeps a stack of at most 256 open elements (deeper
//     ones belong to their deepest tracked ancestor), looks at most 32
//     elements down for an end tag, and keeps at most 32768 units
//     (elements that may start a block), 32768 segments and 2000 alt
//     texts; past a bound the text joins the last block. Work is linear
//     in the input and memory bounded by it.
//
// Text records (FromText, a scan record's "text"): a text of up to 200
// characters is one main block. A longer one is cut at blank lines into
// paragraph groups (main), and at lines that start with a reply marker into
// posts; a short paragraph after a reply (its "回复 点赞 9" toolbar), or the
// body after a reply's one-line header, joins that reply. A copyright line
// at either end is a footer, a paragraph headed "相关推荐" … boilerplate.
//
// Listing selectors of a source feed the same model: WithListing turns the
// fields a result page showed for a listing into listing_field blocks of
// the detail page (a field that is a whole line of the page is retagged in
// place, any other is appended).
//
// The package does not fetch anything and does not decide what is
// suspicious.
package page
