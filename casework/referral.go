package casework

import "slices"

// ReferralItem is one material a police referral of an imitation site
// lists (issue 14: the evidence beside the official page, and what is
// known of the host serving it); its Chinese name is in names.go.
type ReferralItem string

// Referral items, in the order a referral lists them.
const (
	ReferralScreenshot  ReferralItem = "screenshot"
	ReferralWARC        ReferralItem = "warc"
	ReferralAddresses   ReferralItem = "addresses"
	ReferralCertificate ReferralItem = "certificate"
	ReferralCT          ReferralItem = "ct"
	ReferralHeaders     ReferralItem = "headers"
	ReferralWHOIS       ReferralItem = "whois"
	ReferralProvider    ReferralItem = "provider"
)

// ReferralItems are the items in the order a referral lists them.
var ReferralItems = []ReferralItem{ReferralScreenshot, ReferralWARC, ReferralAddresses, ReferralCertificate,
	ReferralCT, ReferralHeaders, ReferralWHOIS, ReferralProvider}

// Known reports whether i is one of ReferralItems.
func (i ReferralItem) Known() bool { return slices.Contains(ReferralItems, i) }

// Name is the item's Chinese name, or i itself when unknown.
func (i ReferralItem) Name() string { return nameOr(names[i], i) }

// ReferralState is whether a referral item is at hand.
type ReferralState string

// Referral item states.
const (
	ReferralPresent       ReferralState = "present"
	ReferralMissing       ReferralState = "missing"
	ReferralNotConfigured ReferralState = "not_configured"
)

// ReferralStates are the states in display order.
var ReferralStates = []ReferralState{ReferralPresent, ReferralMissing, ReferralNotConfigured}

// Known reports whether s is one of ReferralStates.
func (s ReferralState) Known() bool { return slices.Contains(ReferralStates, s) }

// Name is the state's Chinese name, or s itself when unknown.
func (s ReferralState) Name() string { return nameOr(names[s], s) }
