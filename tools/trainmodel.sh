#!/usr/bin/env bash
# trainmodel.sh: retrain the embedded default model rank/default.cwm and
# record what it learnt from and how it does, in rank/default.eval.txt.
# `make model` runs it; so does `go generate ./rank`.
#
#   tools/trainmodel.sh            train, then evaluate
#   GO=go1.26 tools/trainmodel.sh  another go command
#   CREATED=2026-12-03T00:00:00Z tools/trainmodel.sh
#
# Training data: the synthetic corpus (testdata/corpus), the held-out sets
# v4–v6, and the train split of the real corpus (testdata/real/texts.jsonl)
# and of the everyday texts (testdata/real/everyday.jsonl, negatives).
# Options are the training defaults of package rank (character 1–3-grams,
# 25 epochs, L2 1e-6; see rank/doc.go). v7 and the dev splits stay held
# out; the test split is never read (rank refuses it for training, and the
# evaluation below asks for --split dev only).
#
# The model's creation date is the date of the last commit that touched
# the training data (UTC midnight), so the same data gives the same file,
# byte for byte; CREATED overrides it.
set -euo pipefail
cd "$(dirname "$0")/.."
GO="${GO:-go}"
data=testdata/corpus,testdata/unseen/pages-v4.jsonl,testdata/unseen/pages-v5.jsonl,testdata/unseen/pages-v6.jsonl,testdata/real/texts.jsonl,testdata/real/everyday.jsonl
if [ -z "${CREATED:-}" ]; then
	CREATED=$(TZ=UTC git log -1 --date=format-local:%Y-%m-%dT00:00:00Z --format=%cd -- testdata/corpus testdata/unseen testdata/real 2>/dev/null || true)
	CREATED="${CREATED:-$(date -u +%Y-%m-%dT00:00:00Z)}"
fi
bin=$(mktemp -d)/certwatch
trap 'rm -rf "$(dirname "$bin")"' EXIT
"$GO" build -tags ne -o "$bin" ./cmd/certwatch
train=("$bin" model train --data "$data" --name certwatch-default --created "$CREATED"
	--description "certwatch default model: synthetic corpus, held-out sets v4-v6 (v7 stays held out), real corpus and everyday texts, train split"
	-o rank/default.cwm)
"${train[@]}" >/dev/null
# The new model is embedded: rebuild before evaluating the default.
"$GO" build -tags ne -o "$bin" ./cmd/certwatch
out=rank/default.eval.txt
{
	echo "# rank/default.cwm: how it was trained and how it does (written by tools/trainmodel.sh; do not edit)"
	echo
	printf 'command: certwatch'
	for a in "${train[@]:1}"; do case "$a" in *" "*) printf " '%s'" "$a" ;; *) printf ' %s' "$a" ;; esac; done
	echo
	echo "created: $CREATED"
	echo "data (sha256):"
	for f in testdata/corpus/*.jsonl testdata/unseen/pages-v4.jsonl testdata/unseen/pages-v5.jsonl testdata/unseen/pages-v6.jsonl testdata/real/texts.jsonl testdata/real/everyday.jsonl; do
		echo "  $(sha256sum "$f" | cut -c1-16)  $f"
	done
	echo
	"$bin" --lang en model show rank/default.cwm --top 0 | sed "/^negative:/,\$d"
	echo
	echo "## Rules alone (A) against rules + this model (B), as sweeps decide (detect defaults)"
	sets=("testdata/real/texts.jsonl --split dev" "testdata/real/everyday.jsonl --split dev" "testdata/unseen/pages-v7.jsonl"
		"testdata/unseen/pages-v4.jsonl" "testdata/unseen/pages-v5.jsonl" "testdata/unseen/pages-v6.jsonl" "testdata/corpus")
	for set in "${sets[@]}"; do
		echo
		echo "### $set"
		# shellcheck disable=SC2086 # $set is a path and its flags
		# Overall and per category; per text kind too for the real dev split.
		"$bin" --lang en eval $set --against model:default --show none | awk -v all="$([ "$set" = "${sets[0]}" ] && echo 1)" '
			/^== / { keep = /Overall|Per category/ || (all && /Per text kind/) }
			keep'
	done
	# Every real train text judged by a model that never saw its site
	# (tools/cvmodel.py): the honest figure on the train split.
	if command -v python3 >/dev/null; then
		echo
		echo "### testdata/real/texts.jsonl and everyday.jsonl, train split, 5-fold cross-validation by site"
		python3 tools/cvmodel.py "$bin" 2>/dev/null
		echo
		echo "### testdata/real/texts.jsonl and everyday.jsonl, train and dev splits, 5-fold cross-validation by site"
		python3 tools/cvmodel.py "$bin" --pool train,dev --categories 2>/dev/null
	fi
} >"$out"
echo "trained $("$bin" --lang en model show rank/default.cwm --top 0 | awk "NR==1 {print \$2}") into rank/default.cwm; figures in $out"
