"""jieba's part: words that agree with our entities, and a handful of keywords per article."""
from __future__ import annotations

import logging
import re
from pathlib import Path

import jieba
from jieba.analyse.tfidf import TFIDF

jieba.setLogLevel(logging.WARNING)
NUMBERISH = re.compile(r"^[\d.%％]+\w?$")


class Words:
    """A jieba tokenizer of our own (not the global one), taught the names we extracted."""

    def __init__(self, knowledge_dir: Path):
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.initialize()
        self.tfidf = TFIDF()
        self.tfidf.tokenizer = self.tokenizer
        stop = (Path(knowledge_dir) / "stopwords.txt").read_text(encoding="utf-8").split("\n")
        self.tfidf.stop_words |= {w.strip() for w in stop if w.strip() and not w.startswith("#")}
        self.added: set[str] = set()
        terms = (Path(knowledge_dir) / "terms.txt").read_text(encoding="utf-8").split("\n")
        self.add((t.strip() for t in terms if t.strip() and not t.startswith("#")), "n")

    def add(self, words, tag: str) -> None:
        """Load confirmed names so that segmentation keeps them whole (李建勤, not 李/建勤)."""
        for word in words:
            if word and word not in self.added:
                # A high frequency makes jieba prefer the whole name over its pieces.
                self.tokenizer.add_word(word, freq=100000, tag=tag)
                self.added.add(word)

    def cut(self, text: str) -> list[str]:
        return self.tokenizer.lcut(text)

    def keywords(self, text: str, k: int = 5) -> list[str]:
        """Top-k TF-IDF keywords (jieba's IDF table), numbers left out."""
        tags = self.tfidf.extract_tags(text, topK=k * 3)
        return [t for t in tags if not NUMBERISH.match(t)][:k]
