"""jieba's part: words that agree with our entities, and a handful of keywords per article."""
from __future__ import annotations

import logging
from contextlib import contextmanager
import re
from pathlib import Path

import jieba
from jieba.analyse.tfidf import TFIDF

jieba.setLogLevel(logging.WARNING)
# A high frequency makes jieba prefer a whole name over its pieces.
NAME_FREQ = 100000
_MISSING = object()
NUMBERISH = re.compile(r"^[\d.%％]+\w?$")


class _WithoutHMM:
    """What TFIDF needs of a tokenizer (cut), segmenting by the dictionary alone."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def cut(self, sentence):
        return self.tokenizer.cut(sentence, HMM=False)


class Words:
    """A jieba tokenizer of our own (not the global one), taught the names we extracted."""

    def __init__(self, knowledge_dir: Path):
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.initialize()
        self.tfidf = TFIDF()
        self.tfidf.tokenizer = _WithoutHMM(self.tokenizer)
        stop = (Path(knowledge_dir) / "stopwords.txt").read_text(encoding="utf-8").split("\n")
        self.tfidf.stop_words |= {w.strip() for w in stop if w.strip() and not w.startswith("#")}
        self.added: set[str] = set()
        terms = (Path(knowledge_dir) / "terms.txt").read_text(encoding="utf-8").split("\n")
        self.add((t.strip() for t in terms if t.strip() and not t.startswith("#")), "n")

    def add(self, words, tag: str) -> None:
        """Load confirmed names so that segmentation keeps them whole (李建勤, not 李/建勤)."""
        for word in words:
            if word and word not in self.added:
                self.tokenizer.add_word(word, freq=NAME_FREQ, tag=tag)
                self.added.add(word)

    @contextmanager
    def names(self, names):
        """Teach jieba a page's names for the duration of a block, then restore its dictionary exactly,
        so that a page's keywords do not depend on which pages were built before it (or in which worker)."""
        freq, saved, total = self.tokenizer.FREQ, {}, self.tokenizer.total
        for name in set(names):
            if not name or name in self.added:
                continue
            for j in range(1, len(name) + 1):
                saved.setdefault(name[:j], freq.get(name[:j], _MISSING))
                freq.setdefault(name[:j], 0)
            freq[name] = NAME_FREQ
            self.tokenizer.total += NAME_FREQ
        try:
            yield self
        finally:
            for fragment, old in saved.items():
                if old is _MISSING:
                    del freq[fragment]
                else:
                    freq[fragment] = old
            self.tokenizer.total = total

    def cut(self, text: str) -> list[str]:
        return self.tokenizer.lcut(text)

    def keywords(self, text: str, k: int = 5) -> list[str]:
        """Top-k TF-IDF keywords (jieba's IDF table), numbers left out. Segmentation without the HMM
        for unknown words: the names it would find are in our dictionary already, and it is faster."""
        tags = self.tfidf.extract_tags(text, topK=k * 3)
        return [t for t in tags if not NUMBERISH.match(t)][:k]
