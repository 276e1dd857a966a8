package detect

import (
	"github.com/certwatch/certwatch/matcher"
	"github.com/certwatch/certwatch/page"
)

// LinkContacts are the contacts of f that say who the seller is, the ones
// that link cases (store.CaseContact): personal contacts (phone, WeChat,
// QQ, Telegram), not the unscored "possible" ones, and not those in the
// page's navigation, footer, sidebar or boilerplate blocks — a platform's
// hotline or a site's customer-service number repeats on every page of the
// site and would link unrelated sellers. Each kind and value once, in the
// page's order.
func LinkContacts(p *page.Page, f *matcher.Finding) []matcher.Contact {
	if len(f.Contacts) == 0 {
		return nil // most pages (Examine asks for every page)
	}
	var out []matcher.Contact
	seen := map[[2]string]bool{}
	for _, c := range f.Contacts {
		switch c.Kind {
		case matcher.ContactPhone, matcher.ContactWeChat, matcher.ContactQQ, matcher.ContactTelegram:
		default:
			continue
		}
		k := [2]string{c.Kind, c.Value}
		if c.Possible || c.Value == "" || seen[k] || (c.Field == "text" && inLowWeightBlock(p, c.Start)) {
			continue
		}
		seen[k] = true
		out = append(out, c)
	}
	return out
}

// inLowWeightBlock reports whether byte offset at of p.Text lies in a
// navigation, footer, sidebar or boilerplate block.
func inLowWeightBlock(p *page.Page, at int) bool {
	for _, b := range p.Blocks {
		if !b.Detached && at >= b.Start && at < b.End {
			return b.Kind.LowWeight()
		}
	}
	return false
}
