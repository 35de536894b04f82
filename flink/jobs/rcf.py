"""A Robust Random Cut Forest in pure Python (the Flink equivalent of KDA
SQL's RANDOM_CUT_FOREST, catalogue ETL-19).

Guha, Mishra, Roy, Schrijvers, "Robust Random Cut Forest Based Anomaly
Detection on Streams" (ICML 2016): every tree is a random cut tree over a
sample of recent points; a point's anomaly score is its collusive
displacement (CoDisp) — how many points would move up the tree if it were
removed, relative to the size of the subtree it hides in — averaged over
the trees. Isolated points are separated by early cuts and displace many
points: high score.

Streaming, as KDA's RANDOM_CUT_FOREST does it:
- shingling: the last ``shingle_size`` values of a key form one point
  (shingleSize, default 1);
- ``num_trees`` trees (numberOfTrees, KDA default 100);
- each tree keeps a sample of at most ``tree_size`` points (subSampleSize,
  default 256), refreshed with time decay: once full, a new point replaces a
  random member with probability tree_size / min(seen, time_decay), so a
  member lives about ``time_decay`` points (timeDecay, default 100000);
- every point is scored against the forest (inserted, CoDisp, and kept or
  forgotten according to the sample), so the score of the first points is
  low by construction: ``Forest.ready`` says when the sample is warm.

Deterministic: each tree draws from random.Random(seed * 1_000_003 + i);
the same stream and seed give the same scores. Pure Python, no NumPy:
PyFlink on Managed Flink ships none we could rely on.
"""
import math
import random


class _Leaf:
    __slots__ = ("x", "n", "u")

    def __init__(self, x):
        self.x = x      # the point (a tuple)
        self.n = 1      # how many copies of it the tree holds
        self.u = None   # parent branch

    def bbox(self):
        return self.x, self.x


class _Branch:
    __slots__ = ("q", "p", "l", "r", "n", "u", "lo", "hi")

    def __init__(self, q, p, left, right):
        self.q = q          # cut dimension
        self.p = p          # cut value: left holds x[q] <= p
        self.l = left
        self.r = right
        self.n = left.n + right.n
        self.u = None
        self.lo, self.hi = _union(left.bbox(), right.bbox())

    def bbox(self):
        return self.lo, self.hi


def _union(a, b):
    return (tuple(min(x, y) for x, y in zip(a[0], b[0])),
            tuple(max(x, y) for x, y in zip(a[1], b[1])))


class Tree:
    """One robust random cut tree. Points are tuples of floats of one
    dimension; each carries an index (an int) to forget it by."""

    def __init__(self, rng):
        self.rng = rng
        self.root = None
        self.leaves = {}  # index -> leaf

    def __len__(self):
        return len(self.leaves)

    def _find(self, x):
        node = self.root
        while isinstance(node, _Branch):
            node = node.l if x[node.q] <= node.p else node.r
        return node

    def _cut(self, x, lo, hi):
        """A random cut of the box lo..hi grown to hold x: the dimension in
        proportion to its span, the value uniform within it."""
        lo = tuple(min(a, b) for a, b in zip(lo, x))
        hi = tuple(max(a, b) for a, b in zip(hi, x))
        spans = [b - a for a, b in zip(lo, hi)]
        r = self.rng.uniform(0, sum(spans))
        acc = 0.0
        for q, s in enumerate(spans):
            acc += s
            if acc >= r and s > 0:
                return q, lo[q] + acc - r
        q = max(range(len(spans)), key=lambda i: spans[i])
        return q, hi[q]

    def insert(self, x, index):
        """Insert point x under index; returns its leaf."""
        if index in self.leaves:
            raise KeyError("index %r is already in the tree" % (index,))
        x = tuple(float(v) for v in x)
        if self.root is None:
            leaf = self.root = _Leaf(x)
            self.leaves[index] = leaf
            return leaf
        same = self._find(x)
        if same.x == x:  # a duplicate shares the leaf
            self.leaves[index] = same
            node = same
            while node is not None:
                node.n += 1
                node = node.u
            return same
        node, parent, left_side = self.root, None, False
        while True:
            lo, hi = node.bbox()
            q, p = self._cut(x, lo, hi)
            leaf = _Leaf(x)
            if p < lo[q]:
                branch = _Branch(q, p, leaf, node)
                break
            if p >= hi[q]:
                if x[q] <= p:  # the cut fell on x itself: cut at the box's edge
                    p = hi[q]
                branch = _Branch(q, p, node, leaf)
                break
            parent = node
            left_side = x[node.q] <= node.p
            node = node.l if left_side else node.r
        branch.u = parent
        node.u = branch
        leaf.u = branch
        if parent is None:
            self.root = branch
        elif left_side:
            parent.l = branch
        else:
            parent.r = branch
        up = parent
        while up is not None:
            up.n += 1
            up.lo, up.hi = _union((up.lo, up.hi), (branch.lo, branch.hi))
            up = up.u
        self.leaves[index] = leaf
        return leaf

    def forget(self, index):
        """Remove the point inserted under index."""
        leaf = self.leaves.pop(index)
        if leaf.n > 1:
            node = leaf
            while node is not None:
                node.n -= 1
                node = node.u
            return
        parent = leaf.u
        if parent is None:
            self.root = None
            return
        sibling = parent.r if parent.l is leaf else parent.l
        grand = parent.u
        sibling.u = grand
        if grand is None:
            self.root = sibling
            return
        if grand.l is parent:
            grand.l = sibling
        else:
            grand.r = sibling
        node = grand
        while node is not None:
            node.n -= 1
            node.lo, node.hi = _union(node.l.bbox(), node.r.bbox())
            node = node.u

    def codisp(self, index):
        """Collusive displacement of the point under index: the largest,
        over its ancestors, of sibling size / size of the subtree holding it."""
        node = self.leaves[index]
        best = 0.0
        while node.u is not None:
            parent = node.u
            sibling = parent.r if parent.l is node else parent.l
            best = max(best, sibling.n / node.n)
            node = parent
        return best


class Forest:
    """A streaming forest for one series (one key). ``update(value)`` adds a
    value, shingles it, scores the shingle and returns the score (None until
    the first full shingle)."""

    def __init__(self, num_trees=100, tree_size=256, shingle_size=1, time_decay=100000, seed=42):
        if num_trees < 1 or tree_size < 2 or shingle_size < 1 or time_decay < 1:
            raise ValueError("num_trees >= 1, tree_size >= 2, shingle_size >= 1, time_decay >= 1")
        self.num_trees = num_trees
        self.tree_size = tree_size
        self.shingle_size = shingle_size
        self.time_decay = time_decay
        self.trees = [Tree(random.Random(seed * 1000003 + i)) for i in range(num_trees)]
        self.shingle = []
        self.seen = 0  # shingles scored so far: the next index

    @property
    def ready(self):
        """True once every tree holds a full sample (scores are meaningful)."""
        return self.seen >= self.tree_size

    def score(self, point):
        """Score a point (a shingle) and let the samples take it in."""
        index = self.seen
        self.seen += 1
        window = min(self.seen, self.time_decay)
        total = 0.0
        for tree in self.trees:
            tree.insert(point, index)
            total += tree.codisp(index)
            if len(tree) > self.tree_size:
                if tree.rng.random() < self.tree_size / window:
                    victim = tree.rng.choice([i for i in tree.leaves if i != index])
                    tree.forget(victim)
                else:
                    tree.forget(index)
        return total / self.num_trees

    def update(self, value):
        """Add one value of the series; the score of the shingle it completes."""
        if not isinstance(value, (int, float)) or isinstance(value, bool) or math.isnan(value) or math.isinf(value):
            raise ValueError("a finite number is required, got %r" % (value,))
        self.shingle.append(float(value))
        if len(self.shingle) > self.shingle_size:
            self.shingle.pop(0)
        if len(self.shingle) < self.shingle_size:
            return None
        return self.score(tuple(self.shingle))


class Threshold:
    """When is a score an anomaly: above ``fixed`` when given, else above
    ``factor`` times the running mean of the normal scores seen so far
    (CoDisp scores are heavy-tailed, so a multiple of the mean is steadier
    than mean + k standard deviations). Anomalous scores are not folded into
    the mean, so a burst does not raise the bar for itself."""

    def __init__(self, fixed=None, factor=6.0):
        if fixed is None and factor <= 1:
            raise ValueError("factor must be above 1")
        self.fixed = fixed
        self.factor = factor
        self.n = 0
        self.mean = 0.0

    def limit(self):
        if self.fixed is not None:
            return self.fixed
        if self.n == 0:
            return math.inf
        return self.factor * self.mean

    def check(self, score):
        """(is_anomaly, limit) for score; normal scores update the mean."""
        limit = self.limit()
        anomalous = score > limit
        if not anomalous:
            self.n += 1
            self.mean += (score - self.mean) / self.n
        return anomalous, limit
