#!/usr/bin/env python3
"""hpbandster 0.7.4's BOHB on the 20 Branin instances of Results/peers, the check that README's figure for `bohb`
there comes from: is Tunebench's `bohb` (hpbandster's model in Swift) where hpbandster itself is?

Usage (from the repository root, after `tunebench run Results/peers/experiment.json`):
    python3 Tests/Scripts/hpbandster_branin_check.py

Each repetition's instance is a shifted Branin, f(x) = branin(x - m + c) with c = (-pi, 12.275) its first published
minimizer; m is recovered from that repetition's `random` run file by least squares (to a residual below 1e-12).
hpbandster's config generator (BOHB with its defaults, NumPy seeded with the repetition) is then driven one
evaluation at a time at a single budget for 100 evaluations, as Tunebench's `bohb` runs on a problem without
fidelities, and the medians of the final regrets of both are printed, with the two-sided Wilcoxon signed-rank
p-value of the final regrets paired by repetition (SciPy's defaults; both runs of a repetition share the instance)
and every final regret.
Needs hpbandster 0.7.4, ConfigSpace, statsmodels, SciPy (Tests/Scripts/requirements-statistics.txt).
"""
import warnings, logging, math, json
warnings.simplefilter("ignore"); logging.disable(logging.WARNING)
import numpy as np, ConfigSpace as CS
from scipy.optimize import least_squares
from scipy.stats import wilcoxon
from hpbandster.core.dispatcher import Job
from hpbandster.optimizers.config_generators.bohb import BOHB
def branin(x1,x2):
    a,b,c,r,s,t=1,5.1/(4*math.pi**2),5/math.pi,6,10,1/(8*math.pi)
    return a*(x2-b*x1**2+c*x1-r)**2+s*(1-t)*math.cos(x1)+s
fmin=0.39788735772973816; anchor=(-math.pi,12.275)
res=[]; ours=[]
for rep in range(20):
    d=json.load(open(f'Results/peers/runs/branin/random/rep-{rep:03d}.json'))
    X=np.array([[t['configuration']['x1'],t['configuration']['x2']] for t in d['trials']]); Y=np.array([t['value'] for t in d['trials']])
    best=None
    for m1 in np.linspace(-3.5,8.5,7):
        for m2 in np.linspace(1.5,13.5,7):
            r=least_squares(lambda m: [branin(x[0]-m[0]+anchor[0],x[1]-m[1]+anchor[1])-y for x,y in zip(X,Y)], [m1,m2])
            if best is None or r.cost<best.cost: best=r
    m=best.x; assert best.cost<1e-12, best.cost
    f=lambda x1,x2: branin(x1-m[0]+anchor[0],x2-m[1]+anchor[1])
    np.random.seed(rep)
    space=CS.ConfigurationSpace(seed=rep)
    space.add(CS.UniformFloatHyperparameter('x1',-5,10)); space.add(CS.UniformFloatHyperparameter('x2',0,15))
    g=BOHB(space); b=float('inf')
    for i in range(100):
        cfg,info=g.get_config(1.0); y=f(cfg['x1'],cfg['x2']); b=min(b,y)
        job=Job((0,0,i),config=cfg,budget=1.0); job.result={'loss':y,'info':{}}; job.kwargs={'budget':1.0,'config':cfg}
        g.new_result(job)
    res.append(max(b-fmin,0))
    o=json.load(open(f'Results/peers/runs/branin/bohb/rep-{rep:03d}.json'))
    ours.append(min(t['value'] for t in o['trials'])-fmin)
print('hpbandster median',np.median(res)); print('ours median',np.median(ours))
print('Wilcoxon signed-rank two-sided p, paired by repetition',wilcoxon(res,ours).pvalue)
print(sorted(np.round(res,3))); print(sorted(np.round(ours,3)))
