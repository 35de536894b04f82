"""rcf: the Random Cut Forest scores injected anomalies above every normal
point, deterministically; the trees keep their invariants."""
import random
import unittest

import support

rcf = support.load("rcf")

SPIKES = {250: 30.0, 320: 12.0, 380: 26.0}


def scores(shingle, seed=1, values=None):
    forest = rcf.Forest(num_trees=15, tree_size=64, shingle_size=shingle, seed=seed)
    return [forest.update(v) for v in (values or support.temperatures(spikes=SPIKES))]


def check_counts(node):
    if isinstance(node, rcf._Leaf):
        return node.n
    assert node.n == check_counts(node.l) + check_counts(node.r)
    lo, hi = rcf._union(node.l.bbox(), node.r.bbox())
    assert (lo, hi) == (node.lo, node.hi)
    return node.n


class ForestTest(unittest.TestCase):
    def test_spikes_score_above_every_normal_point(self):
        for shingle in (1, 4):
            with self.subTest(shingle=shingle):
                s = scores(shingle)
                near = {i + d for i in SPIKES for d in range(shingle)}
                normal = [v for i, v in enumerate(s) if i >= 64 + shingle and i not in near]
                spikes = [s[i] for i in SPIKES]
                self.assertGreater(min(spikes), max(normal), "spike scores %s, highest normal %s" % (spikes, max(normal)))
                self.assertGreater(min(spikes), 5 * (sum(normal) / len(normal)))

    def test_deterministic(self):
        self.assertEqual(scores(2, seed=9), scores(2, seed=9))
        self.assertNotEqual(scores(2, seed=9), scores(2, seed=10))

    def test_shingle_warm_up(self):
        s = scores(4)
        self.assertEqual(s[:3], [None, None, None])
        self.assertIsNotNone(s[3])
        forest = rcf.Forest(num_trees=2, tree_size=8)
        for v in range(7):
            forest.update(float(v))
        self.assertFalse(forest.ready)
        forest.update(7.0)
        self.assertTrue(forest.ready)

    def test_samples_stay_bounded_and_consistent(self):
        forest = rcf.Forest(num_trees=4, tree_size=16, shingle_size=2, time_decay=50, seed=3)
        rng = random.Random(5)
        for _ in range(500):
            forest.update(rng.choice([1.0, 2.0, 2.0, rng.random() * 10]))  # duplicates too
        for tree in forest.trees:
            self.assertLessEqual(len(tree), 16)
            self.assertEqual(check_counts(tree.root), len(tree))

    def test_tree_insert_forget(self):
        tree = rcf.Tree(random.Random(1))
        points = [(0.0, 0.0), (1.0, 1.0), (1.0, 1.0), (0.5, 0.2), (9.0, 9.0)]
        for i, p in enumerate(points):
            tree.insert(p, i)
        self.assertEqual(tree.root.n, 5)
        self.assertGreater(tree.codisp(4), tree.codisp(0))
        for i in (2, 1, 4, 0, 3):
            tree.forget(i)
            if tree.root is not None:
                check_counts(tree.root)
        self.assertIsNone(tree.root)
        with self.assertRaises(KeyError):
            tree.forget(0)

    def test_bad_input(self):
        with self.assertRaises(ValueError):
            rcf.Forest(num_trees=0)
        forest = rcf.Forest(num_trees=1, tree_size=4)
        for bad in (float("nan"), float("inf"), "21", True):
            with self.assertRaises(ValueError):
                forest.update(bad)


class ThresholdTest(unittest.TestCase):
    def test_factor_of_the_running_mean(self):
        t = rcf.Threshold(factor=3)
        self.assertEqual(t.check(2.0), (False, float("inf")))
        t.check(4.0)
        self.assertEqual(t.limit(), 9.0)
        self.assertEqual(t.check(10.0), (True, 9.0))
        self.assertEqual(t.limit(), 9.0, "an anomaly must not raise the bar")

    def test_fixed(self):
        t = rcf.Threshold(fixed=5)
        self.assertEqual(t.check(6), (True, 5))
        self.assertEqual(t.check(4), (False, 5))

    def test_bad_factor(self):
        with self.assertRaises(ValueError):
            rcf.Threshold(factor=1)


if __name__ == "__main__":
    unittest.main()
