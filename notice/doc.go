// Package notice renders the documents that follow a confirmed case: takedown
// notices sent through the Cyberspace Administration (网信办) to a website or
// platform, takedown notices sent through market regulation (市场监管) to an
// online marketplace, and case referral letters (案件线索移送函) to the
// police. It owns their wording, their layout as Chinese official letters
// (公文: issuer header, 文号, title, 主送, body, signature block and an
// attachment listing the pages with their evidence hashes) and their
// printing to A4 PDF through a browser the caller supplies (Printer).
//
// A Document is a plain value the caller fills from reviewed cases; the
// package decides nothing about case state and reads no database. Every
// crawled string (page titles, URLs) is treated as hostile: html/template
// escapes it, control and bidirectional formatting characters are removed
// or percent-encoded, long values are cut, URLs are shown as text and never
// as links, and the document carries a Content-Security-Policy that allows
// no script and no request. The HTML is self-contained (inline styles,
// system CJK fonts), so it prints and displays without a network.
package notice
