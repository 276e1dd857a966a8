package casework

import "slices"

// DeliveryChannel is how a sent notice reached its recipient.
type DeliveryChannel string

// Delivery channels (a fixed list: reports count notices by channel).
const (
	ChannelEmail    DeliveryChannel = "email"     // 电子邮件
	ChannelPlatform DeliveryChannel = "platform"  // 平台后台（举报/协查通道）
	ChannelLetter   DeliveryChannel = "letter"    // 纸质函件（邮寄或送达）
	ChannelPhone    DeliveryChannel = "phone"     // 电话通知
	ChannelFax      DeliveryChannel = "fax"       // 传真
	ChannelInPerson DeliveryChannel = "in_person" // 当面送达
)

// DeliveryChannels are the channels in the order forms offer them.
var DeliveryChannels = []DeliveryChannel{ChannelEmail, ChannelPlatform, ChannelLetter, ChannelPhone, ChannelFax, ChannelInPerson}

// Known reports whether c is one of DeliveryChannels.
func (c DeliveryChannel) Known() bool { return slices.Contains(DeliveryChannels, c) }

// Name is the channel's Chinese name, or c itself when unknown.
func (c DeliveryChannel) Name() string { return nameOr(names[c], c) }

// TrackKind is a kind of follow-up recorded on a sent notice.
type TrackKind string

// Follow-up kinds: the notice was delivered (by a channel), its receipt
// confirmed (回执), or the platform replied (平台答复).
const (
	TrackDelivery TrackKind = "delivery"
	TrackReceipt  TrackKind = "receipt"
	TrackReply    TrackKind = "reply"
)

// TrackKinds are the kinds in the order a notice goes through them.
var TrackKinds = []TrackKind{TrackDelivery, TrackReceipt, TrackReply}

// Known reports whether k is one of TrackKinds.
func (k TrackKind) Known() bool { return slices.Contains(TrackKinds, k) }

// Name is the kind's Chinese name, or k itself when unknown.
func (k TrackKind) Name() string { return nameOr(names[k], k) }

// ReminderKind is a reminder about a notice's deadline.
type ReminderKind string

// Reminders: the deadline is near, or it has passed with the notice
// still waiting for its recipient.
const (
	ReminderDueSoon ReminderKind = "due_soon"
	ReminderOverdue ReminderKind = "overdue"
)

// ReminderKinds are the reminder kinds in order.
var ReminderKinds = []ReminderKind{ReminderDueSoon, ReminderOverdue}

// Known reports whether k is one of ReminderKinds.
func (k ReminderKind) Known() bool { return slices.Contains(ReminderKinds, k) }

// Name is the reminder's Chinese name, or k itself when unknown.
func (k ReminderKind) Name() string { return nameOr(names[k], k) }

// Escalation is what a notice whose listings are still online leads to:
// a second notice to the same recipient, or a referral to the police.
type Escalation string

// Escalations.
const (
	EscalateSecondNotice Escalation = "second_notice"
	EscalateReferral     Escalation = "referral"
)

// Escalations are the escalations in the order buttons show them.
var Escalations = []Escalation{EscalateSecondNotice, EscalateReferral}

// Known reports whether e is one of Escalations.
func (e Escalation) Known() bool { return slices.Contains(Escalations, e) }

// Name is the escalation's Chinese name, or e itself when unknown.
func (e Escalation) Name() string { return nameOr(names[e], e) }

// Route is the route of the notice an escalation of a notice on route
// from drafts: the same route for a second notice, the police referral
// for a referral.
func (e Escalation) Route(from Route) Route {
	if e == EscalateReferral {
		return RoutePoliceReferral
	}
	return from
}

// StillOnline reports whether a listing whose latest removal check had
// outcome o is still online (仍在线): escalation is for these.
func (o Outcome) StillOnline() bool { return o == OutcomeLive }
