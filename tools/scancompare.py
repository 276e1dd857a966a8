#!/usr/bin/env python3
"""Precision and recall of two certwatch binaries on the labelled sets, in one run.

Both binaries score every record through `certwatch scan --format jsonl` (so an
old build without `certwatch eval` can be compared); records keep all their
fields, with a #rec-N fragment added to the URL to join the output back. The
real corpus's test split is never read.

    git worktree add --detach /tmp/old REV && (cd /tmp/old && go build -tags ne -o /tmp/cw-old ./cmd/certwatch)
    make build && python3 tools/scancompare.py /tmp/cw-old bin/certwatch
"""
import sys, tempfile, os, shutil
import json, glob, subprocess, collections
old_bin, new_bin = sys.argv[1], sys.argv[2]
sets = collections.OrderedDict()
def add(name, files, keep=lambda r: True):
    recs=[]
    for f in files:
        for l in open(f):
            r=json.loads(l)
            if keep(r): recs.append(r)
    sets[name]=recs
add('real dev', ['testdata/real/texts.jsonl'], lambda r: r.get('split')=='dev')
add('real train', ['testdata/real/texts.jsonl'], lambda r: r.get('split')=='train')
add('synthetic corpus (404)', sorted(glob.glob('testdata/corpus/*.jsonl')))
for v in ['v4','v5','v6','v7']:
    add(v, ['testdata/unseen/pages-%s.jsonl'%v])
def neg(l):
    l=(l or '').lower()
    return l=='negative' or l=='clean' or l.startswith('clean_') or l=='none'
# A directory of its own: two runs at once (other sessions) must not share the input file.
workdir=tempfile.mkdtemp(prefix='scancompare-')
print('%-24s %-26s %-26s' % ('set', 'old: P / R (TP/FP/FN)', 'new: P / R (TP/FP/FN)'))
for name, recs in sets.items():
    path=os.path.join(workdir, 'scancompare-in.jsonl')
    gold={}
    with open(path,'w') as f:
        for i,r in enumerate(recs):
            u='rec:%d'%i
            o=dict(r)
            u=(r.get('url') or 'http://rec.invalid/')+'#rec-%d'%i
            o['url']=u
            o.pop('label',None); o.pop('split',None)
            f.write(json.dumps(o,ensure_ascii=False)+'\n')
            gold[u]=not neg(r.get('label'))
    res=[]
    for b in [old_bin, new_bin]:
        out=subprocess.run([b,'scan','--format','jsonl',path],capture_output=True,text=True).stdout
        tp=fp=fn=0; seen=0
        for l in out.splitlines():
            try: x=json.loads(l)
            except: continue
            if x.get('url') not in gold: continue
            seen+=1
            g=gold[x['url']]; fl=bool(x.get('flagged'))
            tp+=g and fl; fp+=(not g) and fl; fn+=g and not fl
        assert seen==len(gold), (b,name,seen,len(gold))
        p=tp/(tp+fp) if tp+fp else float('nan'); rr=tp/(tp+fn) if tp+fn else float('nan')
        res.append('%.3f / %.3f (%d/%d/%d)'%(p,rr,tp,fp,fn))
    print('%-24s %-26s %-26s'%(name,res[0],res[1]))
shutil.rmtree(workdir)
