#!/usr/bin/env python3
"""Source-grouped cross-validation of the learned stage on the real corpus.

The default model is trained on the real train split, so `certwatch eval` on
that split measures a model on its own training texts. This script gives every
text of the pool (the train split by default; --pool train,dev adds the dev
split) a verdict from a model that never saw its site: the pool's records of
testdata/real/texts.jsonl and testdata/real/everyday.jsonl are split into K
folds by site (the "site" field, else "source"; md5 of it modulo K), and for
each fold a model is trained as `make model` trains the default (synthetic
corpus, v4-v6, and the real and everyday pool texts) minus that fold, then
`certwatch eval` runs rules alone (A) against rules + that model (B) on the
fold. The counts are summed over the folds. Records outside the pool are
neither trained on nor scored; the test split is dropped before anything else
and never read further. v7 is never read.

    make build && python3 tools/cvmodel.py bin/certwatch            # 5 folds, seed 1, train split
    python3 tools/cvmodel.py bin/certwatch --pool train,dev --categories
    python3 tools/cvmodel.py bin/certwatch --train-args '--l2 3e-6' --variant '' --variant '--bar 0.9'
    python3 tools/cvmodel.py bin/certwatch --folds 5 --seed 2 --keep /tmp/cv

--train-args are added to every `model train`; each --variant is a set of
decision options for eval (e.g. '--bar 0.9 --short-bar 0.9'), all measured
with the same fold models; decision options after "--" apply to every variant.
--categories adds per-category recall (right category / any category) and the
everyday texts' false alarms.
"""
import argparse, collections, hashlib, json, os, shlex, shutil, subprocess, sys, tempfile

ap = argparse.ArgumentParser()
ap.add_argument('bin')
ap.add_argument('--folds', type=int, default=5)
ap.add_argument('--seed', default='1', help='training seed (model train --seed)')
ap.add_argument('--pool', default='train', help='splits cross-validated: train, or train,dev')
ap.add_argument('--train-args', default='', help='options added to every model train')
ap.add_argument('--variant', action='append', help='eval decision options measured with the fold models (repeatable)')
ap.add_argument('--categories', action='store_true', help='per-category recall and everyday false alarms')
ap.add_argument('--keep', help='keep the fold files and models in this directory')
ap.add_argument('evalargs', nargs='*')
a = ap.parse_args()
pool = set(a.pool.split(','))
if not pool <= {'train', 'dev'}:
    sys.exit('cvmodel: --pool takes train and dev only')
variants = a.variant or ['']

REAL = ['testdata/real/texts.jsonl', 'testdata/real/everyday.jsonl']
OTHER = ['testdata/corpus', 'testdata/unseen/pages-v4.jsonl', 'testdata/unseen/pages-v5.jsonl',
         'testdata/unseen/pages-v6.jsonl']
CATS = ['cert_sale', 'exam_fraud', 'training_fraud', 'imitation_site']

def fold_of(r):
    key = r.get('site') or r.get('source') or r.get('id', '')
    return int(hashlib.md5(key.encode()).hexdigest(), 16) % a.folds

work = a.keep or tempfile.mkdtemp(prefix='cvmodel-')
os.makedirs(work, exist_ok=True)
recs = {}
for f in REAL:
    recs[f] = [json.loads(l) for l in open(f) if l.strip()]
    recs[f] = [r for r in recs[f] if r.get('split') != 'test']  # never carried along

Count = collections.Counter
tot = [{'A': Count(), 'B': Count()} for _ in variants]
for k in range(a.folds):
    train, held = [], []
    for f, rs in recs.items():
        base = os.path.basename(f).replace('.jsonl', '')
        tp, hp = os.path.join(work, '%s-train-f%d.jsonl' % (base, k)), os.path.join(work, '%s-held-f%d.jsonl' % (base, k))
        with open(tp, 'w') as tw, open(hp, 'w') as hw:
            for r in rs:
                if r.get('split') not in pool:
                    continue
                h = dict(r)
                if fold_of(r) == k:
                    del h['split']
                    hw.write(json.dumps(h, ensure_ascii=False) + '\n')
                else:
                    h['split'] = 'train'
                    tw.write(json.dumps(h, ensure_ascii=False) + '\n')
        train.append(tp)
        held.append(hp)
    model = os.path.join(work, 'model-f%d.cwm' % k)
    subprocess.run([a.bin, 'model', 'train', '--data', ','.join(OTHER + train), '--name', 'cv-f%d' % k,
                    '--created', '2026-01-01T00:00:00Z', '--seed', a.seed, '-o', model] + shlex.split(a.train_args),
                   check=True, stdout=subprocess.DEVNULL)
    for vi, v in enumerate(variants):
        out = subprocess.run([a.bin, 'eval'] + held + ['--against', 'model:' + model, '--format', 'json', '--show', 'none']
                             + shlex.split(v) + a.evalargs, check=True, capture_output=True, text=True).stdout
        rep = json.loads(out)
        for name, c in zip('AB', rep['configs']):
            t = tot[vi][name]
            for key in ('tp', 'fp', 'fn', 'tn'):
                t[key] += c['overall'][key]
                t['rc_' + key] += c['right_category'].get(key) or 0
            for cat in c['categories']:
                n = cat['category']
                t[n + ':support'] += cat['support']
                t[n + ':right'] += cat['right_category']['tp']
                t[n + ':pred'] += cat['predicted']
                t[n + ':any'] += round((cat.get('flagged_any_recall') or 0) * cat['support'])
            for g in c['files']:
                if 'everyday' in os.path.basename(g['group']):
                    t['everyday_fp'] += g['measure']['fp']
                    t['everyday_n'] += g['records']
    print('fold %d: %d held-out records' % (k, rep['records']), file=sys.stderr)

def ratio(x, y):
    return '%.3f' % (x / y) if y else '—'
splits = 'train split' if pool == {'train'} else 'train and dev splits'
print('%d-fold cross-validation by site on the real %s (seed %s)%s' % (
    a.folds, splits, a.seed, ('; model train ' + a.train_args) if a.train_args else ''))
for vi, v in enumerate(variants):
    if len(variants) > 1 or v:
        print('eval options: %s' % (v or '(defaults)'))
    for name, label in (('A', 'rules alone'), ('B', 'rules + fold model')):
        c = tot[vi][name]
        print('%s %-20s TP/FP/FN/TN %d/%d/%d/%d  P %s  R %s  right-category P %s' % (
            name, label, c['tp'], c['fp'], c['fn'], c['tn'], ratio(c['tp'], c['tp'] + c['fp']),
            ratio(c['tp'], c['tp'] + c['fn']), ratio(c['rc_tp'], c['tp'] + c['fp'])))
        if a.categories:
            parts = []
            for n in CATS:
                s = c[n + ':support']
                if s:
                    parts.append('%s %d: R %s (any %s) P %s' % (n, s, ratio(c[n + ':right'], s), ratio(c[n + ':any'], s),
                                                              ratio(c[n + ':right'], c[n + ':pred'])))
            print('    ' + '; '.join(parts) + '; everyday FP %d/%d' % (c['everyday_fp'], c['everyday_n']))
if not a.keep:
    shutil.rmtree(work)
