"""Train the event detector (timeline/lang/en/models/events.npz) and measure it on held-out TimeML documents.

    PYTHONPATH=. python scripts/train_events.py [--corpora ../shared/corpora] [--out FILE] [--no-eval]

Needs scikit-learn (``pip install .[train]``) and WordNet 3.0 (``apt-get install wordnet-base``, for the senses
table baked into the model); the pipeline itself needs only numpy and the model file. Deterministic: sorted file
lists, liblinear with a fixed seed. Steps:
1. a POS tagger (Penn tags, a few merged) from UD English EWT train+dev, its accuracy on EWT test;
2. on TBAQ: train on TimeBank, test on AQUAINT, and the other way round (and, with ``--cv 5``, 5-fold
   cross-validation over all TBAQ documents); event extent P/R/F1 strict (same tokens) and relaxed (overlap),
   class F1 (= relaxed F1 x class accuracy), scored by ``timeline evaluate --events``'s evaluator on the held-out
   files; tense/aspect accuracy, beside a word list baseline (every word that is an event in at least half its
   training occurrences, with its usual class);
3. the shipped model: the event and attribute classifiers trained on all of TBAQ (polarity on TimeBank alone:
   AQUAINT's MAKEINSTANCE polarity is NEG for most events of 50 of its 73 files, not an annotation of negation).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.svm import LinearSVC

sys.path.insert(0, str(Path(__file__).parent))
from event_corpus import read_conllu, read_corpus, wordnet_table  # noqa: E402

from timeline.events import linear  # noqa: E402
from timeline.events.features import token_features, tokenize  # noqa: E402
from timeline.events.mentions import Detector, MODELS  # noqa: E402
from timeline.events.senses import Senses  # noqa: E402
from timeline.evaluation import evaluate_events  # noqa: E402
from timeline.evaluation.events import EventScores  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FULL = ["w", "st", "s1", "s2", "s3", "s4", "s5", "p2", "p3", "sh", "cap", "upper", "digit", "hyph", "last"]
WORDNET = ["n1", "n2", "n3", "v1", "v2", "v3", "nL", "vL"]
HYPERNYMS = [f"nT{d}" for d in range(2, 8)] + [f"vT{d}" for d in range(4)]
FRAMES = [f"vF{f}" for f in range(24, 36)]
EVENT_C = CLASS_C = 0.03     # liblinear's C for the event tagger and the class classifier (2-fold CV, TB and AQ)
SENSES: Senses | None = None          # WordNet's senses, set by main() when a WordNet folder is there
POS_SPEC = {"word": {"-2": ["w", "s3"], "-1": ["w", "s3", "sh"], "0": FULL, "1": ["w", "s3", "sh"],
                     "2": ["w", "s3"]}}
EVENT_SPEC = {"word": {"-2": ["w"], "-1": ["w", "st", "s3"], "0": FULL + WORDNET + HYPERNYMS, "1": ["w", "st", "s3"],
                     "2": ["w"]},
              "pos": [[-2], [-1], [0], [1], [2], [-1, 0], [0, 1], [-2, -1], [-1, 0, 1], [-2, -1, 0]]}
CLASS_SPEC = {"word": {"-3": ["w"], "-2": ["w"], "-1": ["w", "st"], "0": FULL + WORDNET + HYPERNYMS + FRAMES,
                       "1": ["w", "st"], "2": ["w"], "3": ["w"]},
              "pos": [[-1], [0], [1], [2], [-1, 0], [0, 1], [1, 2], [-2, -1]]}
ATTRIBUTE_SPEC = {"word": {"-4": ["w"], "-3": ["w"], "-2": ["w"], "-1": ["w"], "0": ["w", "s2", "s3", "sh"],
                           "1": ["w"]},
                  "pos": [[-3], [-2], [-1], [0], [1], [-1, 0], [-2, -1], [-2, -1, 0], [-3, -2, -1]]}
MERGE = {"NNPS": "NNP", "JJR": "JJ", "JJS": "JJ", "RBR": "RB", "RBS": "RB", "PRP$": "PRP", "WDT": "W", "WP": "W",
         "WP$": "W", "WRB": "W", "-LRB-": "PUNCT", "-RRB-": "PUNCT", ",": "PUNCT", ".": "PUNCT", ":": "PUNCT",
         "``": "PUNCT", "''": "PUNCT", "HYPH": "PUNCT", "NFP": "SYM", "$": "SYM", "#": "SYM", "ADD": "X", "AFX": "X",
         "GW": "X", "XX": "X", "LS": "X", "FW": "X", "EX": "PRP", "PDT": "DT", "UH": "X", "POS": "POS"}


def merged_tag(xpos: str) -> str:
    return MERGE.get(xpos, xpos)


def fit(rows: list[list[str]], labels: list[str], spec: dict, c: float, min_count: int = 2) -> tuple:
    """A linear classifier on feature-name lists: (labels, features, weights, bias, spec) for linear.save."""
    counts = Counter(f for row in rows for f in row)
    names = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(names)}
    indptr, cols = [0], []
    for row in rows:
        cols.extend(index[f] for f in row if f in index)
        indptr.append(len(cols))
    x = csr_matrix((np.ones(len(cols), dtype=np.float32), np.asarray(cols), np.asarray(indptr)),
                   shape=(len(rows), len(names)))
    classes = sorted(set(labels))
    if len(classes) == 1:
        return classes, [], np.zeros((0, 1)), np.zeros(1), spec
    svm = LinearSVC(C=c, random_state=0, max_iter=3000)
    svm.fit(x, labels)
    coef = svm.coef_.T
    bias = svm.intercept_
    if len(svm.classes_) == 2:          # liblinear gives one column for two classes: spell out both
        coef = np.hstack([-coef / 2, coef / 2])
        bias = np.array([-bias[0] / 2, bias[0] / 2])
    keep = np.flatnonzero(np.abs(coef).max(axis=1) >= 1e-3)
    return list(svm.classes_), [names[i] for i in keep], coef[keep], bias, spec


def as_linear(model: tuple, tags: list[str]) -> linear.Linear:
    labels, features, weights, bias, spec = model
    return linear.Linear(labels, features, np.asarray(weights, dtype=np.float16), bias, spec, tags, SENSES)


# ---------------------------------------------------------------------------------------------- POS tagger
def train_pos(ud: Path) -> tuple[tuple, float]:
    train = read_conllu(ud / "en_ewt-ud-train.conllu") + read_conllu(ud / "en_ewt-ud-dev.conllu")
    rows, labels, cache = [], [], {}
    for sent in train:
        words = [w for w, _ in sent]
        for i, (_, tag) in enumerate(sent):
            rows.append(token_features(words, i, POS_SPEC, None, cache))
            labels.append(merged_tag(tag))
    model = fit(rows, labels, POS_SPEC, c=0.1)
    tagger = as_linear(model, [])
    right = total = 0
    for sent in read_conllu(ud / "en_ewt-ud-test.conllu"):
        words = [w for w, _ in sent]
        got = tagger.predict(tagger.slots(words))
        right += sum(tagger.labels[g] == merged_tag(t) for g, (_, t) in zip(got, sent))
        total += len(sent)
    return model, right / total


def saved_pos(path: Path) -> tuple[tuple, float]:
    """The POS tagger of a model file this script wrote, as :func:`fit` gives it, and its recorded accuracy."""
    with np.load(path, allow_pickle=False) as data:
        text = {k: data[k].tobytes().decode("utf-8") for k in ("pos.labels", "pos.features", "pos.spec", "about")}
        model = (text["pos.labels"].split("\n"), text["pos.features"].split("\n"),
                 data["pos.weights"].astype(np.float32), data["pos.bias"], json.loads(text["pos.spec"]))
    return model, json.loads(text["about"])["report"]["pos_accuracy_ewt_test"]


# ---------------------------------------------------------------------------------------------- TBAQ tokens
def tokens_of(docs, tagger: linear.Linear):
    """Per document: words, starts, ends, tag ids, and the gold event (or None) of each token."""
    out = []
    for doc in docs:
        words, starts, ends = tokenize(doc.text)
        tags = tagger.predict(tagger.slots(words))
        gold = [None] * len(words)
        j = 0
        for i, (s, e) in enumerate(zip(starts, ends)):
            while j < len(doc.events) and doc.events[j].end <= s:
                j += 1
            if j < len(doc.events) and doc.events[j].start < e:
                gold[i] = doc.events[j]
        out.append((doc, words, tags, gold))
    return out


def event_rows(tokenized, tag_names: list[str], cache: dict) -> tuple[list, list]:
    rows, labels = [], []
    for _doc, words, tags, gold in tokenized:
        names = [tag_names[t] for t in tags]
        for i in range(len(words)):
            rows.append(token_features(words, i, EVENT_SPEC, names, cache, SENSES))
            labels.append(gold[i].cls if gold[i] else "O")
    return rows, labels


def outside_offset(tokenized, tag_names: list[str]) -> float:
    """How much to lower the O label's bias, chosen by two-fold cross-validation on the training documents alone."""
    cache: dict = {}
    folds = [tokenized[0::2], tokenized[1::2]]
    deltas = [round(0.05 * n, 2) for n in range(13)]
    counts = np.zeros((len(deltas), 3))           # true positives, system, gold
    for train, held in (folds, folds[::-1]):
        model = as_linear(fit(*event_rows(train, tag_names, cache), EVENT_SPEC, c=EVENT_C), tag_names)
        outside = model.labels.index("O")
        for _doc, words, tags, gold in held:
            scores = model.scores(model.slots(words), tags)
            is_gold = np.array([g is not None for g in gold])
            for n, delta in enumerate(deltas):
                shifted = scores.copy()
                shifted[:, outside] -= delta
                found = shifted.argmax(axis=1) != outside
                counts[n] += (np.sum(found & is_gold), np.sum(found), np.sum(is_gold))
    f1 = 2 * counts[:, 0] / (counts[:, 1] + counts[:, 2])
    return deltas[int(np.argmax(f1))]


def train_tbaq(tokenized, tag_names: list[str], polarity_docs: set[str] | None = None) -> dict[str, tuple]:
    delta = outside_offset(tokenized, tag_names)
    print(f"  O bias lowered by {delta} (two-fold CV on the training documents)", flush=True)
    rows_e, labels_e = [], []
    cls_rows = []
    attr_rows, attr_labels = [], defaultdict(list)
    pol_rows, pol_labels = [], []
    cache = {}
    for doc, words, tags, gold in tokenized:
        names = [tag_names[t] for t in tags]
        for i in range(len(words)):
            feats = token_features(words, i, EVENT_SPEC, names, cache, SENSES)
            rows_e.append(feats)
            labels_e.append(gold[i].cls if gold[i] else "O")
            if gold[i]:
                cls_rows.append(token_features(words, i, CLASS_SPEC, names, cache, SENSES))
                attr_labels["cls"].append(gold[i].cls)
                a = token_features(words, i, ATTRIBUTE_SPEC, names, cache, SENSES)
                attr_rows.append(a)
                attr_labels["tense"].append(gold[i].tense)
                attr_labels["aspect"].append(gold[i].aspect)
                if polarity_docs is None or doc.name in polarity_docs:
                    pol_rows.append(a)
                    pol_labels.append(gold[i].polarity)
    labels, features, weights, bias, spec = fit(rows_e, labels_e, EVENT_SPEC, c=EVENT_C)
    bias = np.array(bias, dtype=np.float64)
    bias[labels.index("O")] -= delta
    models = {"event": (labels, features, weights, bias, spec),
              "cls": fit(cls_rows, attr_labels["cls"], CLASS_SPEC, c=CLASS_C)}
    for name in ("tense", "aspect"):
        models[name] = fit(attr_rows, attr_labels[name], ATTRIBUTE_SPEC, c=0.1)
    models["polarity"] = fit(pol_rows, pol_labels, ATTRIBUTE_SPEC, c=0.1)
    return models


# ---------------------------------------------------------------------------------------------- scoring
def score(pairs) -> dict:
    """pairs: per document (gold events, system mentions as (start, end, cls, tense, aspect, polarity))."""
    n_gold = n_sys = strict_sys = strict_gold = relaxed_sys = relaxed_gold = 0
    same_class = 0
    attr = Counter()
    per_class = defaultdict(Counter)
    for gold, system in pairs:
        n_gold += len(gold)
        n_sys += len(system)
        spans = {(g.start, g.end) for g in gold}
        strict_sys += sum((s[0], s[1]) in spans for s in system)
        sys_spans = {(s[0], s[1]) for s in system}
        strict_gold += sum((g.start, g.end) in sys_spans for g in gold)
        for s in system:
            hit = any(g.start < s[1] and s[0] < g.end for g in gold)
            relaxed_sys += hit
            per_class[s[2]]["sys"] += 1
        for g in gold:
            per_class[g.cls]["gold"] += 1
            match = next((s for s in system if g.start < s[1] and s[0] < g.end), None)
            if match is None:
                continue
            relaxed_gold += 1
            same_class += match[2] == g.cls
            per_class[g.cls]["hit"] += match[2] == g.cls
            attr["tense"] += match[3] == g.tense
            attr["aspect"] += match[4] == g.aspect
            attr["polarity"] += match[5] == g.polarity
    def prf(p_hits, r_hits):
        p = p_hits / n_sys if n_sys else 0.0
        r = r_hits / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)
    strict = prf(strict_sys, strict_gold)
    relaxed = prf(relaxed_sys, relaxed_gold)
    accuracy = same_class / relaxed_gold if relaxed_gold else 0.0
    classes = {}
    for cls, c in sorted(per_class.items()):
        p = c["hit"] / c["sys"] if c["sys"] else 0.0
        r = c["hit"] / c["gold"] if c["gold"] else 0.0
        classes[cls] = round(2 * p * r / (p + r) if p + r else 0.0, 3)
    return {"gold": n_gold, "system": n_sys, "strict": [round(v, 3) for v in strict],
            "relaxed": [round(v, 3) for v in relaxed], "class_accuracy": round(accuracy, 3),
            "class_f1": round(relaxed[2] * accuracy, 3),
            "attributes": {k: round(v / relaxed_gold, 3) for k, v in sorted(attr.items())} if relaxed_gold else {},
            "per_class_f1": classes}


def evaluate(detector: Detector, docs) -> dict:
    """Task B figures of ``detector`` on the held-out ``docs`` from ``timeline evaluate --events``'s evaluator
    (the text the pipeline reads from the files), with the attribute accuracies of this script's own matching."""
    report = evaluate_events([doc.path for doc in docs], detector.detect).overall
    out = figures(report)
    pairs = []
    for doc in docs:
        found = detector.detect(doc.text)
        pairs.append((doc.events, [(m.start, m.end, m.cls, m.tense, m.aspect, m.polarity) for m in found]))
    own = score(pairs)
    out.update(attributes=own["attributes"], per_class_f1=own["per_class_f1"])
    return out


def figures(counts) -> dict:
    """The figures of an :class:`timeline.evaluation.events.EventScores`, rounded."""
    return {"gold": counts.gold, "system": counts.system,
            "strict": [round(v, 3) for v in counts.prf("strict")],
            "relaxed": [round(v, 3) for v in counts.prf("relaxed")],
            "class_accuracy": round(counts.class_accuracy, 3), "class_f1": round(counts.f1("class"), 3)}


def cross_validate(docs, tokenized, tag_names: list[str], pos_model: tuple, folds: int) -> dict:
    """``folds``-fold cross-validation over ``docs`` (document k goes to fold k mod folds, in sorted order):
    micro-averaged Task B figures of the models trained on the other folds, scored on each fold's files."""
    total = EventScores()
    for k in range(folds):
        train = [t for n, t in enumerate(tokenized) if n % folds != k]
        models = train_tbaq(train, tag_names)
        models["pos"] = pos_model
        detector = Detector({name: as_linear(m, tag_names) for name, m in models.items()})
        held = [doc.path for n, doc in enumerate(docs) if n % folds == k]
        total.add(evaluate_events(held, detector.detect).overall)
        print(f"  fold {k + 1}/{folds}: {figures(total)}", flush=True)
    return figures(total)


def word_list_baseline(train_tok, test_tok) -> dict:
    seen, hits = Counter(), defaultdict(Counter)
    for _doc, words, _tags, gold in train_tok:
        for w, g in zip(words, gold):
            seen[w.lower()] += 1
            if g:
                hits[w.lower()][g.cls] += 1
    lexicon = {w: c.most_common(1)[0][0] for w, c in hits.items() if sum(c.values()) * 2 >= seen[w]}
    pairs = []
    for doc, words, _tags, _gold in test_tok:
        _, starts, ends = tokenize(doc.text)
        system = [(s, e, lexicon[w.lower()], "", "", "") for w, s, e in zip(words, starts, ends)
                  if w.lower() in lexicon]
        pairs.append((doc.events, system))
    out = score(pairs)
    out.pop("attributes")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    ap.add_argument("--out", default=str(ROOT / "timeline" / "lang" / "en" / "models" / "events.npz"))
    ap.add_argument("--no-eval", action="store_true")
    ap.add_argument("--cv", type=int, default=0, metavar="K",
                    help="also K-fold cross-validation over all TBAQ documents (K=5 for the model README's figures)")
    ap.add_argument("--save-splits", help="also write the cross-split models to this folder (for error analysis)")
    ap.add_argument("--wordnet", default="/usr/share/wordnet",
                    help="WordNet 3.0 database folder (Debian: apt-get install wordnet-base); 'none' to go without")
    ap.add_argument("--pos-from", help="take the POS tagger from this model file instead of training it (faster "
                                       "development runs; the tagger is deterministic, so the same)")
    args = ap.parse_args(argv)
    corpora = Path(args.corpora)
    started = time.time()
    global SENSES
    table = "" if args.wordnet == "none" else wordnet_table(Path(args.wordnet))
    SENSES = Senses(table) if table else None
    if args.pos_from:
        pos_model, pos_accuracy = saved_pos(Path(args.pos_from))
    else:
        pos_model, pos_accuracy = train_pos(corpora / "ud-english-ewt")
    print(f"POS tagger: {len(pos_model[1])} features, EWT test accuracy {pos_accuracy:.3f} "
          f"({time.time() - started:.0f}s)", flush=True)
    tag_names = pos_model[0]
    tagger = as_linear(pos_model, [])
    tb = read_corpus(corpora / "tbaq" / "timebank")
    aq = read_corpus(corpora / "tbaq" / "aquaint")
    tb_tok, aq_tok = tokens_of(tb, tagger), tokens_of(aq, tagger)
    report = {"pos_accuracy_ewt_test": round(pos_accuracy, 3)}
    if not args.no_eval:
        for name, (train_tok, test_docs, test_tok) in {"timebank->aquaint": (tb_tok, aq, aq_tok),
                                                       "aquaint->timebank": (aq_tok, tb, tb_tok)}.items():
            models = train_tbaq(train_tok, tag_names)
            models["pos"] = pos_model
            detector = Detector({k: as_linear(m, tag_names) for k, m in models.items()})
            if args.save_splits:
                Path(args.save_splits).mkdir(parents=True, exist_ok=True)
                linear.save(Path(args.save_splits) / (name.replace("->", "-") + ".npz"), models, tag_names,
                            {"split": name}, table)
            report[name] = {"model": evaluate(detector, test_docs),
                            "word_list": word_list_baseline(train_tok, test_tok)}
            print(name, json.dumps(report[name], indent=1), flush=True)
    if args.cv:
        report[f"cv{args.cv}"] = cross_validate(tb + aq, tb_tok + aq_tok, tag_names, pos_model, args.cv)
        print(f"{args.cv}-fold CV over TBAQ", json.dumps(report[f"cv{args.cv}"]), flush=True)
    models = train_tbaq(tb_tok + aq_tok, tag_names, polarity_docs={d.name for d in tb})
    models["pos"] = pos_model
    about = {"trained_on": "TimeBank 1.2 + AQUAINT (TempEval-3 TBAQ-cleaned, all 256 files); POS: UD English "
                           "EWT train+dev", "report": report}
    about["wordnet"] = "WordNet 3.0 (Princeton; noun and verb lexicographer files)" if table else "none"
    linear.save(args.out, {k: models[k] for k in MODELS}, tag_names, about, table)
    print(f"wrote {args.out} ({Path(args.out).stat().st_size / 1e6:.1f} MB) in {time.time() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
