#!/bin/sh
# readingpath.sh: recount the reading path of one fetched page (issue 12,
# Part 1) at a commit. The lists below are the stops of docs/reading-path.md,
# one a line, in the order a reader meets them:
#
#   stage|file|pattern|name|climb
#
# stage is the page's flow stage of the stop's package (fetch, extract,
# match, decide, format, store, review; conductor for sweep, which is
# outside the flow); pattern is an extended regular expression that must
# match in file at the commit (git grep -E), so a renamed or moved stop
# shows as MISSING; climb is 1 when the path enters this stop by going back
# into a stage the page had already left (see the document).
#
# Usage: tools/readingpath.sh old [COMMIT]   (default d33714b, before Part 1)
#        tools/readingpath.sh prev [COMMIT]  (default fbd7900, main before
#                                             detect.Result)
#        tools/readingpath.sh main [COMMIT]  (default HEAD)
#
# It checks that every stop is where the list says and prints the counts:
# stops, files, packages, climbs. The judgement of what is a stop is the
# document's; the script keeps the lists honest against the code.
set -eu

old='fetch|crawler/static.go|func \(e \*staticEngine\) Fetch\(|crawler.(*staticEngine).Fetch|0
fetch|crawler/static.go|func \(e \*staticEngine\) fetch\(|crawler.(*staticEngine).fetch|0
fetch|crawler/static.go|func \(t \*evidenceTransport\) RoundTrip\(|crawler.(*evidenceTransport).RoundTrip|0
fetch|crawler/static.go|func \(b \*captureBody\) Read\(|crawler.(*captureBody).Read|0
fetch|crawler/evidence.go|func finishResult\(|crawler.finishResult|0
fetch|crawler/evidence.go|func toPage\(|crawler.toPage|0
extract|page/page.go|func FromHTML\(|page.FromHTML|0
fetch|crawler/crawl.go|func \(c \*Crawler\) attempt\(|crawler.(*Crawler).attempt|0
fetch|crawler/crawl.go|func \(c \*Crawler\) runJob\(|crawler.(*Crawler).runJob|0
fetch|crawler/crawl.go|func \(c \*Crawler\) complete\(|crawler.(*Crawler).complete|0
fetch|crawler/crawl.go|func \(c \*Crawler\) Run\(|crawler.(*Crawler).Run (deliver: out <- r)|0
conductor|sweep/sweep.go|func \(r \*run\) loop\(|sweep.(*run).loop|0
conductor|sweep/sweep.go|func \(r \*run\) handle\(|sweep.(*run).handle|0
decide|detect/detect.go|func \(d \*Detector\) Detect\(|detect.(*Detector).Detect|0
match|matcher/matcher.go|func \(m \*Matcher\) Match\(|matcher.(*Matcher).Match|0
decide|rank/model.go|func \(m \*Model\) PredictPage\(|rank.(*Model).PredictPage|0
match|matcher/normalize.go|func NormalizeString\(|matcher.NormalizeString (from rank.prepare)|1
decide|detect/detect.go|func \(d \*Detector\) reason\(|detect.(*Detector).reason|0
match|matcher/finding.go|^type Finding struct|matcher.Finding (the stored JSON form; json.Marshal in handle, json.Unmarshal in review)|1
conductor|sweep/sweep.go|func contentKey\(|sweep.contentKey|0
match|matcher/normalize.go|func ContentHash\(|matcher.ContentHash|1
conductor|sweep/sweep.go|func linkContacts\(|sweep.linkContacts|0
decide|detect/contacts.go|func LinkContacts\(|detect.LinkContacts|1
store|store/record.go|func \(s \*Store\) Record\(|store.(*Store).Record|0
review|review/cases.go|func \(s \*Server\) casePage\(|review.(*Server).casePage|0
review|review/cases.go|func \(s \*Server\) loadCaseView\(|review.(*Server).loadCaseView|0
store|store/record.go|func \(s \*Store\) Case\(|store.(*Store).Case|0
store|store/record.go|func \(s \*Store\) Snapshots\(|store.(*Store).Snapshots|0
store|store/review.go|func \(s \*Store\) SnapshotText\(|store.(*Store).SnapshotText|0
review|review/cases.go|func spansOf\(|review.spansOf|0
review|review/cases.go|func highlight\(|review.highlight|0
store|store/contacts.go|func \(s \*Store\) LinkedCases\(|store.(*Store).LinkedCases|0
review|review/render.go|func \(s \*Server\) render\(|review.(*Server).render|0
review|internal/bidi/bidi.go|func NeutralizeBytes\(|bidi.NeutralizeBytes|0
review|review/templates/case.html|\{\{|templates/case.html|0'

prev='fetch|crawler/static.go|func \(e \*staticEngine\) Fetch\(|crawler.(*staticEngine).Fetch|0
fetch|crawler/static.go|func \(e \*staticEngine\) fetch\(|crawler.(*staticEngine).fetch|0
fetch|crawler/static.go|func \(t \*evidenceTransport\) RoundTrip\(|crawler.(*evidenceTransport).RoundTrip|0
fetch|crawler/static.go|func \(b \*captureBody\) Read\(|crawler.(*captureBody).Read|0
fetch|crawler/evidence.go|func finishResult\(|crawler.finishResult|0
fetch|crawler/evidence.go|func toPage\(|crawler.toPage|0
extract|page/page.go|func FromHTML\(|page.FromHTML|0
fetch|crawler/crawl.go|func \(c \*Crawler\) attempt\(|crawler.(*Crawler).attempt|0
fetch|crawler/crawl.go|func \(c \*Crawler\) runJob\(|crawler.(*Crawler).runJob|0
fetch|crawler/crawl.go|func \(c \*Crawler\) complete\(|crawler.(*Crawler).complete|0
fetch|crawler/crawl.go|func \(c \*Crawler\) Run\(|crawler.(*Crawler).Run (deliver: out <- r)|0
conductor|sweep/sweep.go|func \(r \*run\) loop\(|sweep.(*run).loop (handler goroutine)|0
conductor|sweep/sweep.go|func \(r \*run\) handle\(|sweep.(*run).handle|0
decide|detect/detect.go|func \(d \*Detector\) Detect\(|detect.(*Detector).Detect|0
match|matcher/matcher.go|func \(m \*Matcher\) Match\(|matcher.(*Matcher).Match|0
extract|page/blocks.go|func \(p \*Page\) KeepNormalized\(|page.(*Page).KeepNormalized (from Match)|1
decide|rank/model.go|func \(m \*Model\) PredictPage\(|rank.(*Model).PredictPage|0
match|matcher/normalize.go|func NormalizeString\(|matcher.NormalizeString (from rank.prepare)|1
decide|detect/detect.go|func \(d \*Detector\) reason\(|detect.(*Detector).reason|0
format|finding/codec.go|func Encode\(|finding.Encode|0
format|finding/finding.go|^type Finding struct|finding.Finding (the stored JSON form)|0
conductor|sweep/sweep.go|func contentKey\(|sweep.contentKey|0
match|matcher/normalize.go|func PageNormalized\(|matcher.PageNormalized|1
extract|page/blocks.go|func \(p \*Page\) Normalized\(|page.(*Page).Normalized (from PageNormalized)|1
match|matcher/normalize.go|func HashNormalized\(|matcher.HashNormalized|1
conductor|sweep/sweep.go|func linkContacts\(|sweep.linkContacts|0
decide|detect/contacts.go|func LinkContacts\(|detect.LinkContacts|1
store|store/record.go|func \(s \*Store\) Record\(|store.(*Store).Record|0
review|review/cases.go|func \(s \*Server\) casePage\(|review.(*Server).casePage|0
review|review/cases.go|func \(s \*Server\) loadCaseView\(|review.(*Server).loadCaseView|0
store|store/record.go|func \(s \*Store\) Case\(|store.(*Store).Case|0
format|finding/codec.go|func Peek\(|finding.Peek (from store.findingRouteChannel)|0
format|finding/codec.go|func Decode\(|finding.Decode|0
store|store/record.go|func \(s \*Store\) Snapshots\(|store.(*Store).Snapshots|0
store|store/review.go|func \(s \*Store\) SnapshotText\(|store.(*Store).SnapshotText|0
review|review/cases.go|func spansOf\(|review.spansOf|0
review|review/cases.go|func highlight\(|review.highlight|0
store|store/contacts.go|func \(s \*Store\) LinkedCases\(|store.(*Store).LinkedCases|0
review|review/search.go|func \(s \*Server\) casePivots\(|review.(*Server).casePivots (pivots: newer than the old page)|0
store|store/search.go|func \(s \*Store\) PivotCounts\(|store.(*Store).PivotCounts (pivots)|0
review|review/search.go|func \(p pivotLinks\) All\(|review.pivotLinks.All (pivots, from the template)|0
review|review/search.go|func \(p pivotLinks\) Link\(|review.pivotLinks.Link (pivots, from the template)|0
review|review/render.go|func \(s \*Server\) render\(|review.(*Server).render|0
review|internal/bidi/bidi.go|func NeutralizeBytes\(|bidi.NeutralizeBytes|0
review|review/templates/case.html|\{\{|templates/case.html|0'

main='fetch|crawler/static.go|func \(e \*staticEngine\) Fetch\(|crawler.(*staticEngine).Fetch|0
fetch|crawler/static.go|func \(e \*staticEngine\) fetch\(|crawler.(*staticEngine).fetch|0
fetch|crawler/static.go|func \(t \*evidenceTransport\) RoundTrip\(|crawler.(*evidenceTransport).RoundTrip|0
fetch|crawler/static.go|func \(b \*captureBody\) Read\(|crawler.(*captureBody).Read|0
fetch|crawler/evidence.go|func finishResult\(|crawler.finishResult|0
fetch|crawler/evidence.go|func toPage\(|crawler.toPage|0
extract|page/page.go|func FromHTML\(|page.FromHTML|0
fetch|crawler/crawl.go|func \(c \*Crawler\) attempt\(|crawler.(*Crawler).attempt|0
fetch|crawler/crawl.go|func \(c \*Crawler\) runJob\(|crawler.(*Crawler).runJob|0
fetch|crawler/crawl.go|func \(c \*Crawler\) complete\(|crawler.(*Crawler).complete|0
fetch|crawler/crawl.go|func \(c \*Crawler\) Run\(|crawler.(*Crawler).Run (deliver: out <- r)|0
conductor|sweep/sweep.go|func \(r \*run\) loop\(|sweep.(*run).loop (handler goroutine)|0
conductor|sweep/sweep.go|func \(r \*run\) handle\(|sweep.(*run).handle|0
decide|detect/detect.go|func \(d \*Detector\) Examine\(|detect.(*Detector).Examine|0
match|matcher/matcher.go|func \(m \*Matcher\) MatchNorm\(|matcher.(*Matcher).MatchNorm (returns the normalised text with the finding)|0
decide|detect/contacts.go|func LinkContacts\(|detect.LinkContacts (from Examine)|0
decide|rank/model.go|func \(m \*Model\) PredictPage\(|rank.(*Model).PredictPage|0
match|matcher/normalize.go|func NormalizeString\(|matcher.NormalizeString (from rank.prepare)|1
decide|detect/detect.go|func \(d \*Detector\) reason\(|detect.(*Detector).reason|0
format|finding/codec.go|func Encode\(|finding.Encode|0
format|finding/finding.go|^type Finding struct|finding.Finding (the stored JSON form)|0
decide|detect/result.go|func \(r \*Result\) ContentKey\(|detect.(*Result).ContentKey|0
conductor|sweep/sweep.go|func caseContacts\(|sweep.caseContacts (matcher.Contact to store.CaseContact)|0
store|store/record.go|func \(s \*Store\) Record\(|store.(*Store).Record|0
review|review/cases.go|func \(s \*Server\) casePage\(|review.(*Server).casePage|0
review|review/cases.go|func \(s \*Server\) loadCaseView\(|review.(*Server).loadCaseView|0
store|store/record.go|func \(s \*Store\) CaseFinding\(|store.(*Store).CaseFinding (the case with its finding decoded)|0
format|finding/codec.go|func Decode\(|finding.Decode (from CaseFinding)|0
store|store/record.go|func \(s \*Store\) Snapshots\(|store.(*Store).Snapshots|0
store|store/review.go|func \(s \*Store\) SnapshotText\(|store.(*Store).SnapshotText|0
review|review/cases.go|func spansOf\(|review.spansOf|0
review|review/cases.go|func highlight\(|review.highlight|0
store|store/contacts.go|func \(s \*Store\) LinkedCases\(|store.(*Store).LinkedCases|0
review|review/search.go|func \(s \*Server\) casePivots\(|review.(*Server).casePivots (pivots: newer than the old page)|0
store|store/search.go|func \(s \*Store\) PivotCounts\(|store.(*Store).PivotCounts (pivots)|0
review|review/search.go|func \(p pivotLinks\) All\(|review.pivotLinks.All (pivots, from the template)|0
review|review/search.go|func \(p pivotLinks\) Link\(|review.pivotLinks.Link (pivots, from the template)|0
review|review/render.go|func \(s \*Server\) render\(|review.(*Server).render|0
review|internal/bidi/bidi.go|func NeutralizeBytes\(|bidi.NeutralizeBytes|0
review|review/templates/case.html|\{\{|templates/case.html|0'

which=${1:-}
case $which in
old) list=$old commit=${2:-d33714b} ;;
prev) list=$prev commit=${2:-fbd7900} ;;
main) list=$main commit=${2:-HEAD} ;;
*) echo "usage: $0 old|prev|main [COMMIT]" >&2; exit 2 ;;
esac

tab=$(printf '\t')
n=0 climbs=0 missing=0 files='' pkgs=''
while IFS='|' read -r stage file pattern name climb; do
	n=$((n + 1))
	if git grep -q -E "$pattern" "$commit" -- "$file"; then
		state=ok
	else
		state=MISSING
		missing=$((missing + 1))
	fi
	mark=''
	if [ "$climb" = 1 ]; then
		climbs=$((climbs + 1))
		mark=' (climb)'
	fi
	printf '%2d%s%-9s%s%-28s%s%s%s%s\n' "$n" "$tab" "$stage" "$tab" "$file" "$tab" "$name$mark" "$tab" "$state"
	files="$files$file
"
	pkg=$(dirname "$file")
	[ "$pkg" = review/templates ] && pkg=review
	pkgs="$pkgs$pkg
"
done <<EOF
$list
EOF
nfiles=$(printf '%s' "$files" | sort -u | grep -c .)
npkgs=$(printf '%s' "$pkgs" | sort -u | grep -c .)
echo "$which at $(git rev-parse --short "$commit"): $n stops in $nfiles files ($npkgs packages), $climbs climbs back up"
if [ "$missing" -gt 0 ]; then
	echo "$missing stops not found at $commit: the list needs updating" >&2
	exit 1
fi
