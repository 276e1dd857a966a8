#!/usr/bin/env python3
"""Source-grouped cross-validation of the learned stage on the real corpus's train split.

The default model is trained on the real train split, so `certwatch eval` on
that split measures a model on its own training texts. This script gives every
train text a verdict from a model that never saw its site: the train records of
testdata/real/texts.jsonl and testdata/real/everyday.jsonl are split into K
folds by site (the "site" field, else "source"; md5 of it modulo K), and for
each fold a model is trained as `make model` trains the default (synthetic
corpus, v4-v6, and the real and everyday train texts) minus that fold, then
`certwatch eval` runs rules alone (A) against rules + that model (B) on the
fold. The counts are summed over the folds. Neither dev, v7 nor the test split
is read (the test split is dropped before anything else).

    make build && python3 tools/cvmodel.py bin/certwatch            # 5 folds, seed 1
    python3 tools/cvmodel.py bin/certwatch --folds 5 --seed 2 --keep /tmp/cv

Decision options after "--" go to eval (e.g. -- --bar 0.9).
"""
import argparse, collections, hashlib, json, os, shutil, subprocess, sys, tempfile

ap = argparse.ArgumentParser()
ap.add_argument('bin')
ap.add_argument('--folds', type=int, default=5)
ap.add_argument('--seed', default='1', help='training seed (model train --seed)')
ap.add_argument('--keep', help='keep the fold files and models in this directory')
ap.add_argument('evalargs', nargs='*')
a = ap.parse_args()

REAL = ['testdata/real/texts.jsonl', 'testdata/real/everyday.jsonl']
OTHER = ['testdata/corpus', 'testdata/unseen/pages-v4.jsonl', 'testdata/unseen/pages-v5.jsonl',
         'testdata/unseen/pages-v6.jsonl']

def fold_of(r):
    key = r.get('site') or r.get('source') or r.get('id', '')
    return int(hashlib.md5(key.encode()).hexdigest(), 16) % a.folds

work = a.keep or tempfile.mkdtemp(prefix='cvmodel-')
os.makedirs(work, exist_ok=True)
recs = {}
for f in REAL:
    recs[f] = [json.loads(l) for l in open(f) if l.strip()]
    recs[f] = [r for r in recs[f] if r.get('split') != 'test']  # never carried along

Count = lambda: collections.Counter()
tot = {'A': Count(), 'B': Count()}
for k in range(a.folds):
    train, held = [], []
    for f, rs in recs.items():
        base = os.path.basename(f).replace('.jsonl', '')
        tp, hp = os.path.join(work, '%s-train-f%d.jsonl' % (base, k)), os.path.join(work, '%s-held-f%d.jsonl' % (base, k))
        with open(tp, 'w') as tw, open(hp, 'w') as hw:
            for r in rs:
                if r.get('split') == 'train' and fold_of(r) == k:
                    h = dict(r)
                    del h['split']
                    hw.write(json.dumps(h, ensure_ascii=False) + '\n')
                else:
                    tw.write(json.dumps(r, ensure_ascii=False) + '\n')
        train.append(tp)
        held.append(hp)
    model = os.path.join(work, 'model-f%d.cwm' % k)
    subprocess.run([a.bin, 'model', 'train', '--data', ','.join(OTHER + train), '--name', 'cv-f%d' % k,
                    '--created', '2026-01-01T00:00:00Z', '--seed', a.seed, '-o', model],
                   check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run([a.bin, 'eval'] + held + ['--against', 'model:' + model, '--format', 'json', '--show', 'none'] + a.evalargs,
                         check=True, capture_output=True, text=True).stdout
    rep = json.loads(out)
    for name, c in zip('AB', rep['configs']):
        for key in ('tp', 'fp', 'fn', 'tn'):
            tot[name][key] += c['overall'][key]
            tot[name]['rc_' + key] += c['right_category'].get(key) or 0
    print('fold %d: %d held-out records' % (k, rep['records']), file=sys.stderr)

def ratio(x, y):
    return '%.3f' % (x / y) if y else '—'
print('%d-fold cross-validation by site on the real train split (seed %s)' % (a.folds, a.seed))
for name, label in (('A', 'rules alone'), ('B', 'rules + fold model')):
    c = tot[name]
    print('%s %-20s TP/FP/FN/TN %d/%d/%d/%d  P %s  R %s  right-category P %s' % (
        name, label, c['tp'], c['fp'], c['fn'], c['tn'], ratio(c['tp'], c['tp'] + c['fp']),
        ratio(c['tp'], c['tp'] + c['fn']), ratio(c['rc_tp'], c['tp'] + c['fp'])))
if not a.keep:
    shutil.rmtree(work)
