#!/usr/bin/env python3
"""Build testdata/real/texts.jsonl from the staging batches (b*.py).
Split rule: each source site (registrable domain of the URL, or owner/repo for GitHub)
is assigned wholly to train/dev/test by h = sha256(SALT + site) mapped to [0,1):
h < 0.6 -> train, h < 0.8 -> dev, else test.  SALT is fixed (see README)."""
import glob, json, hashlib, re, sys, collections, os
from urllib.parse import urlparse
SALT = os.environ.get('SPLIT_SALT', 'certwatch-real-v14')
R = []
BATCH = [0]
def add(text, label, kind, genre, source, note, **kw):
    R.append(dict(text=text, label=label, kind=kind, genre=genre, source=source, note=note, group=kw.get('group'), licence=kw.get('licence'), batch=BATCH[0]))
here = os.path.dirname(os.path.abspath(__file__))
# numeric batch order (b100 after b97); for the two-digit batches this is the old lexical order, so ids stay stable
for f in sorted(glob.glob(os.path.join(here, 'b[0-9]*.py')), key=lambda p: int(re.match(r'b(\d+)', os.path.basename(p)).group(1))):
    BATCH[0] = int(re.match(r'b(\d+)', os.path.basename(f)).group(1))
    exec(open(f, encoding='utf-8').read(), {'add': add, 'R': R})
def norm(s):
    # de-duplication key from round 3 on: case-folded, without white space or punctuation
    import unicodedata
    s = unicodedata.normalize('NFKC', s).casefold()
    return ''.join(ch for ch in s if not (ch.isspace() or unicodedata.category(ch)[0] in 'PSZ'))
LABELS = {'cert_sale','exam_fraud','training_fraud','imitation_site','negative'}
KINDS = {'page','post','listing','short'}
GENRES = {'offer','request','news','police_report','court','warning','platform_rule','qa_debunk','school','job_ad','howto','other'}
MULTI = ('com.cn','gov.cn','net.cn','org.cn','edu.cn','ac.cn','com.hk','org.tw','gov.tw','edu.tw','com.tw')
def site(src):
    if src.startswith('github:'):
        p = src[len('github:'):].split('/')
        return 'github:' + p[0] + '/' + p[1]
    u = urlparse(src)
    host = (u.hostname or src).lower()
    seg = [x for x in u.path.split('/') if x]
    # user-generated-content platforms: the account (or the paste) is the source, not the platform
    if host in ('github.com', 'bitbucket.org') and seg:
        return host + ':' + seg[0].lower()
    if host == 'pastebin.com' and seg:
        return 'pastebin:' + (seg[1] if seg[0] == 'u' and len(seg) > 1 else seg[0])
    parts = host.split('.')
    n = 3 if '.'.join(parts[-2:]) in MULTI else 2
    return '.'.join(parts[-n:])
EVERYDAY = range(80, 90)  # b80-b89: everyday short texts (background negatives) -> ../everyday.jsonl, not texts.jsonl
def round_of(batch):
    # corpus instalments by batch number: round 1 = b01-b14, 2 = b15-b23, 3 = b24-b37, 4 = b38-b41, 5 = b50-b59,
    # 6 = b60-b69, 7 = b70-b79, 8 = b90-b92, 9 = b93-b94, 10 = b95-b99, 11 = b100-b103, 12 = b104-b110, 13 = b111-b129; the everyday set b80-b89 was gathered
    # in round 5
    for last, rnd in ((14, 1), (23, 2), (37, 3), (41, 4), (59, 5), (69, 6), (79, 7), (89, 5), (92, 8), (94, 9), (99, 10), (103, 11), (110, 12), (129, 13)):
        if batch <= last:
            return rnd
    sys.exit('b%02d: no round defined for this batch number (extend round_of)' % batch)
def split_of(s):
    h = int(hashlib.sha256((SALT + s).encode()).hexdigest()[:12], 16) / 16**12
    return 'train' if h < 0.6 else ('dev' if h < 0.8 else 'test')
seen = set(); seen_norm = set(); out = []; everyday = []
for i, r in enumerate(R, 1):
    assert r['label'] in LABELS, r; assert r['kind'] in KINDS, r; assert r['genre'] in GENRES, r
    assert r['text'].strip(), r
    key = r['text'].strip()
    if key in seen: print('duplicate text skipped:', key[:40], file=sys.stderr); continue
    nkey = norm(key)
    if r['batch'] >= 24 and nkey in seen_norm:
        print('b%d: duplicate (normalized) text skipped: %s' % (r['batch'], r['source']), file=sys.stderr); continue
    seen.add(key); seen_norm.add(nkey)
    if r['batch'] in EVERYDAY:
        assert r['label'] == 'negative', ('the everyday set holds negatives only', r['source'])
        rec = {'id': 'e-%04d' % (len(everyday)+1), 'text': r['text'], 'label': r['label'], 'kind': r['kind'],
               'genre': r['genre'], 'source': r['source'],
               'licence': r.get('licence') or 'unknown (quoted for evaluation)',
               'retrieved': '2026-12-02', 'note': r['note'], 'site': r.get('group') or site(r['source']),
               'lang': (re.search(r'\blanguage ([a-z]{2})\b', r['note']) or [None, 'zh'])[1]}
        rec['split'] = split_of(rec['site']); rec['round'] = round_of(r['batch'])
        everyday.append(rec)
        continue
    rec = {'id': 'r-%04d' % (len(out)+1), 'text': r['text'], 'label': r['label'], 'kind': r['kind'],
           'genre': r['genre'], 'source': r['source'],
           'licence': r.get('licence') or 'unknown (quoted for evaluation)',
           'retrieved': '2026-12-02', 'note': r['note'], 'site': r.get('group') or site(r['source']),
           'lang': (re.search(r'\blanguage ([a-z]{2})\b', r['note']) or [None, 'zh'])[1]}
    rec['split'] = split_of(rec['site'])
    rec['round'] = round_of(r['batch'])
    out.append(rec)
# from round 3 on: a new record whose normalized text contains, or is contained in, a record of another split would
# leak between splits; refuse to build (the batch must drop or regroup it)
_norms = [(norm(r['text']), r) for r in out + everyday]
for i, (n, r) in enumerate(_norms):
    if (r['id'].startswith('r-') and int(r['id'][2:]) <= 282) or len(n) < 20:
        continue
    for m, q in _norms[:i]:
        if q['split'] != r['split'] and len(m) >= 20 and (n in m or m in n):
            sys.exit('%s (%s) overlaps %s of split %s: drop or regroup it' % (r['id'], r['source'], q['id'], q['split']))
dst = os.path.join(here, '..', 'texts.jsonl')
with open(dst, 'w', encoding='utf-8') as f:
    for r in out: f.write(json.dumps(r, ensure_ascii=False) + '\n')
with open(os.path.join(here, '..', 'everyday.jsonl'), 'w', encoding='utf-8') as f:
    for r in everyday: f.write(json.dumps(r, ensure_ascii=False) + '\n')
# ---- round-3 to round-5 contact annotations (staging/contacts_r3.py, contacts_r4.py, contacts_r5.py) into ../contacts-traindev.jsonl ----
_c3 = {}
exec(open(os.path.join(here, 'contacts_r3.py'), encoding='utf-8').read(), _c3)
exec(open(os.path.join(here, 'contacts_r4.py'), encoding='utf-8').read(), _c3)  # round 4 (b38 on)
exec(open(os.path.join(here, 'contacts_r5.py'), encoding='utf-8').read(), _c3)  # round 5 (b50 on)
_cf = os.path.join(here, '..', 'contacts-traindev.jsonl')
_keep = [l for l in open(_cf, encoding='utf-8') if int(json.loads(l)['id'][2:]) <= 282]
for src, raw, kind, dec, obf in _c3['C3'] + _c3['C4'] + _c3['C5']:
    hits = [r for r in out if r['source'].startswith(src) and raw in r['text'] and r['split'] in ('train', 'dev')]
    for r in hits:
        _keep.append(json.dumps({'id': r['id'], 'raw': raw, 'kind': kind, 'decoded': dec, 'obfuscation': obf}, ensure_ascii=False) + '\n')
    if not hits and not any(r['source'].startswith(src) and raw in r['text'] for r in out):
        sys.exit('contacts_r3.py: %s %r not found in any record' % (src, raw))
with open(_cf, 'w', encoding='utf-8') as f:
    f.writelines(_keep)
c = collections.Counter
print('total', len(out))
for k in ('label','kind','genre','split','round'):
    print(k, dict(c(r[k] for r in out)))
pos = sum(r['label'] != 'negative' for r in out)
print('positive share %.3f' % (pos/len(out)))
print('split x label', dict(c((r['split'], r['label'] != 'negative') for r in out)))
print('sites', len(set(r['site'] for r in out)), c(r['site'] for r in out).most_common(12))
print('everyday.jsonl', len(everyday), dict(c(r['split'] for r in everyday)))

# ---- refresh the counts section of ../README.md (between the markers) ----
def table(key, rows=None):
    cc = c(r[key] for r in out)
    lines = ['| %s | texts | positive |' % key, '|---|---:|---:|']
    for k, v in sorted(cc.items(), key=lambda kv: -kv[1]):
        pos_k = sum(1 for r in out if r[key] == k and r['label'] != 'negative')
        lines.append('| %s | %d | %d |' % (k, v, pos_k))
    return '\n'.join(lines)
lab = c(r['label'] for r in out)
counts = ['Total: **%d** texts, **%d** positive (%.1f %%).' % (len(out), pos, 100.0*pos/len(out)), '',
          '| label | texts |', '|---|---:|'] + ['| %s | %d |' % kv for kv in sorted(lab.items(), key=lambda kv: -kv[1])]
counts += ['', table('kind'), '', table('genre'), '', table('split'), '', table('lang'), '', table('round')]
for rnd_, first_ in ((5, 'b50'), (6, 'b60'), (7, 'b70'), (8, 'b90'), (9, 'b93'), (10, 'b95'), (11, 'b100'), (12, 'b104'), (13, 'b111')):
    rr = [r for r in out if r['round'] == rnd_]
    counts += ['', 'Round %d alone (%s on) by split and label:' % (rnd_, first_), '', '| split | texts | positive | cert_sale | exam_fraud | training_fraud | imitation_site |', '|---|---:|---:|---:|---:|---:|---:|']
    for sp_ in ('train', 'dev', 'test'):
        rs = [r for r in rr if r['split'] == sp_]
        counts.append('| %s | %d | %d | %s |' % (sp_, len(rs), sum(r['label'] != 'negative' for r in rs),
            ' | '.join(str(sum(r['label'] == l for r in rs)) for l in ('cert_sale', 'exam_fraud', 'training_fraud', 'imitation_site'))))
sites = c(r['site'] for r in out)
counts += ['', 'Everyday set (`everyday.jsonl`, b80-b89, negatives only): **%d** texts; %s.' % (len(everyday),
           ', '.join('%s %d' % kv for kv in sorted(c(r['split'] for r in everyday).items())))]
counts += ['', 'Sources (split units): %d. Largest:' % len(sites), '', '| site | texts | split |', '|---|---:|---|']
for s_, v in sites.most_common(25):
    counts.append('| %s | %d | %s |' % (s_, v, split_of(s_)))
readme = os.path.join(here, '..', 'README.md')
if os.path.exists(readme):
    t = open(readme, encoding='utf-8').read()
    a, b = '<!-- counts:begin -->', '<!-- counts:end -->'
    if a in t and b in t:
        t = t[:t.index(a)+len(a)] + '\n' + '\n'.join(counts) + '\n' + t[t.index(b):]
        open(readme, 'w', encoding='utf-8').write(t)
