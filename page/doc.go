// Package page owns the Page: what certwatch knows about one web page once
// its bytes are read — URL, title, visible text, forms, links and the
// charset it came in. The crawler produces Pages, the matcher reads them.
//
// It owns three things:
//
//   - Decoding: Decode turns raw bytes into UTF-8 (byte order mark, then the
//     Content-Type header, then a <meta> declaration, then a guess among
//     UTF-8, GB18030 and Big5). Nothing downstream ever sees legacy bytes.
//   - Extraction: FromHTML reads a document with the tokenizer of
//     golang.org/x/net/html and keeps what a person sees (script, style,
//     noscript, template and title content excluded; block elements end a
//     line), the forms with a label for every field, and the links resolved
//     against the page URL. Pages are written by adversaries, so extraction
//     is linear in the input, never recursive, bounded in what it keeps, and
//     never fails on malformed markup; bodies over MaxBodySize are refused.
//   - Input files: Read turns the inputs of `certwatch scan` — HTML and text
//     files, JSON Lines (also gzipped, also on standard input) and WARC
//     files — into Pages, reporting each bad piece with its position and
//     going on with the next. A document over MaxBodySize is read as far as
//     the limit and its Item says so (Cut).
//
// The package does not fetch anything and does not decide what is
// suspicious.
package page
