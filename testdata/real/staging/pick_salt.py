import subprocess, json, os, collections, hashlib
# choose the first salt certwatch-real-v<N> whose split by site is close to 60/20/20 by text count
recs=[json.loads(l) for l in open('../texts.jsonl',encoding='utf-8')]
def split_of(salt,s):
    h=int(hashlib.sha256((salt+s).encode()).hexdigest()[:12],16)/16**12
    return 'train' if h<0.6 else ('dev' if h<0.8 else 'test')
for n in range(1,500):
    salt='certwatch-real-v%d'%n
    c=collections.Counter(split_of(salt,r['site']) for r in recs)
    p=collections.Counter(split_of(salt,r['site']) for r in recs if r['label']!='negative')
    N=len(recs); P=sum(p.values())
    ok = abs(c['train']/N-.6)<.03 and abs(c['dev']/N-.2)<.03 and abs(c['test']/N-.2)<.03 \
         and all(abs(p[k]/P-f)<.08 for k,f in (('train',.6),('dev',.2),('test',.2)))
    if ok: print(salt, dict(c), dict(p)); break
