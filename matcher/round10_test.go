package matcher

import "testing"

// TestRound10Grammar: the training and catalogue families added in round 10
// of the real corpus (a refund for a failed exam said at a distance, a pass
// promised to the unqualified, a certificate course without a bar, a shop's
// catalogue of civil, school and work documents, a Vietnamese certificate
// offered without the exam) score through the default
// pack's proximity rules. The texts are written for the test, not copied
// from the corpus.
func TestRound10Grammar(t *testing.T) {
	checkGrammar(t, []grammarCase{
		{"refund at a distance", "报我们的协议班，考试没通过的话半年内可以退费，名额有限，欢迎咨询。", "未过+退费", "training_fraud", true},
		{"unqualified pass", "电工证培训班开课了，零基础也能过，学费优惠，欢迎来电。", "零基础+也能过", "training_fraud", true},
		{"no bar", "这个证书报名零门槛，拿证后躺着赚钱，欢迎私聊。", "考证+无门槛", "training_fraud", true},
		{"vi no exam", "Nhận làm các loại chứng chỉ nghề uy tín, nhanh gọn, không cần thi, liên hệ ngay.", "chứng chỉ+không cần thi", "cert_sale", true},
		{"catalogue", "本店长期办理：身份证、户口本、结婚证；大中专毕业证、学位证；各类操作证（电工、焊工、叉车）、职称证等，质量保证。", "证件目录", "cert_sale", true},
		// one signal on a short text: scored, not flagged
		{"refund alone", "没通过可以申请退费", "未过+退费", "training_fraud", false},
	}, []string{
		// Reports, warnings and a school's notice that name the same things are left alone.
		"警方通报：民警在窝点查获伪造的身份证、户口本、毕业证、学位证及电工、焊工操作证等两千余本，犯罪嫌疑人已被刑事拘留，案件正在进一步侦查中。",
		"本校特种作业培训严格按照规定课时开展，考试由应急管理部门组织，因本校原因无法开班的，全额退还培训费用。",
	})
}
