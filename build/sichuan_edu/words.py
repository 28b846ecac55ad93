"""jieba's part: words that agree with our entities, and a handful of keywords per article."""
from __future__ import annotations

import importlib.util
import logging
import marshal
import os
import re
from contextlib import contextmanager
from functools import lru_cache
from math import log
import tempfile
from pathlib import Path

import jieba

jieba.setLogLevel(logging.WARNING)
# A high frequency makes jieba prefer a whole name over its pieces.
NAME_FREQ = 100000
_MISSING = object()
NUMBERISH = re.compile(r"^[\d.%％]+\w?$")
# jieba.analyse's own stop words (it has no Chinese ones; ours are in seeds/knowledge/stopwords.txt).
JIEBA_STOP_WORDS = {"the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are", "by", "be", "as", "on",
                    "with", "can", "if", "from", "which", "you", "it", "this", "then", "at", "have", "all", "not",
                    "one", "has", "or"}


def _jieba_file(*parts: str) -> Path:
    """A data file of the installed jieba package."""
    return Path(list(importlib.util.find_spec("jieba").submodule_search_locations)[0]).joinpath(*parts)


def _marshal_cached(source: Path, name: str, parse):
    """parse(source), kept in a marshal file beside jieba's own dictionary cache (as jieba keeps its
    dictionary), named for the source's size and time: loading it takes a fifth of the time of parsing."""
    stat = source.stat()
    cached = Path(tempfile.gettempdir()) / f"sichuan_edu_{name}_{stat.st_size}_{int(stat.st_mtime)}.marshal"
    try:
        return marshal.loads(cached.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        value = parse(source)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(value))
        os.replace(tmp, cached)
        return value


@lru_cache(maxsize=1)
def jieba_idf() -> tuple[dict[str, float], float]:
    """jieba's IDF table (jieba/analyse/idf.txt) and its median, read without importing
    jieba.analyse, whose import loads the part-of-speech and TextRank models we do not use."""
    return tuple(_marshal_cached(_jieba_file("analyse", "idf.txt"), "idf2", _read_idf))


def _read_idf(source: Path) -> tuple[dict[str, float], float]:
    idf = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        word, _, value = line.strip().partition(" ")
        idf[word] = float(value)
    return idf, sorted(idf.values())[len(idf) // 2]


class Words:
    """A jieba tokenizer of our own (not the global one), taught the names we extracted."""

    def __init__(self, knowledge_dir: Path):
        self.tokenizer = jieba.Tokenizer()
        # A copy of the shared dictionary, not a second read of it from disk (half a second of start-up).
        shared = _plain_tokenizer()
        shared.check_initialized()
        self.tokenizer.FREQ, self.tokenizer.total = dict(shared.FREQ), shared.total
        self.tokenizer.initialized = True
        stop = (Path(knowledge_dir) / "stopwords.txt").read_text(encoding="utf-8").split("\n")
        self.stop_words = JIEBA_STOP_WORDS | {w.strip() for w in stop if w.strip() and not w.startswith("#")}
        self.added: set[str] = set()
        terms = (Path(knowledge_dir) / "terms.txt").read_text(encoding="utf-8").split("\n")
        self.add((t.strip() for t in terms if t.strip() and not t.startswith("#")), "n")

    def add(self, words, tag: str) -> None:
        """Load confirmed names for good, so that segmentation keeps them whole."""
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
        """Top-k keywords by TF-IDF with jieba's IDF table, as jieba.analyse.extract_tags computes them
        (numbers left out). Segmentation without the HMM for unknown words: the names it would find
        are in our dictionary already, and it is faster."""
        idf, median = jieba_idf()
        freq: dict[str, float] = {}
        for word in cut_no_hmm(self.tokenizer, text):
            if len(word.strip()) < 2 or word.lower() in self.stop_words:
                continue
            freq[word] = freq.get(word, 0.0) + 1.0
        total = sum(freq.values())
        for word in freq:
            freq[word] *= idf.get(word, median) / total
        ranked = sorted(freq, key=freq.__getitem__, reverse=True)
        return [w for w in ranked if not NUMBERISH.match(w)][:k]


def _plain_tokenizer() -> jieba.Tokenizer:
    """jieba's shared tokenizer (the one mentions.py segments with): its dictionary alone, never taught a
    word, so it is loaded once for all."""
    return jieba.dt


def segment(text: str) -> list[str]:
    """jieba's words of a short text, with its dictionary alone (no names learned from pages)."""
    return list(_segment(text))


@lru_cache(maxsize=1 << 16)  # the same short windows recur (教育厅, 学校): about three calls in four on the corpus
def _segment(text: str) -> tuple[str, ...]:
    return tuple(cut_no_hmm(_plain_tokenizer(), text))


def cut_no_hmm(tokenizer: jieba.Tokenizer, text: str) -> list[str]:
    """`tokenizer.lcut(text, HMM=False)`, word for word, a third faster: jieba's cut, with its DAG of
    dictionary words and its best route (get_DAG, calc) computed in one backward pass."""
    tokenizer.check_initialized()
    freq, logtotal = tokenizer.FREQ, log(tokenizer.total)
    out: list[str] = []
    for block in jieba.re_han_default.split(text):
        if not block:
            continue
        if jieba.re_han_default.match(block):
            out += _route_words(block, freq, logtotal)
        else:
            for part in jieba.re_skip_default.split(block):
                if jieba.re_skip_default.match(part):
                    out.append(part)
                else:
                    out.extend(part)  # one character a word, as jieba does
    return out


def _route_words(sentence: str, freq: dict, logtotal: float) -> list[str]:
    """jieba's __cut_DAG_NO_HMM: the most probable route through the dictionary's words, scored exactly as
    calc() scores it (the same sums in the same order; of equal scores the longer word, as max() of
    (score, end) picks); runs of single Latin letters and digits joined."""
    n = len(sentence)
    end = _route_ends(sentence, freq, logtotal)
    out, x, buf = [], 0, ""
    while x < n:
        word = sentence[x : end[x] + 1]
        if len(word) == 1 and jieba.re_eng.match(word):
            buf += word
        else:
            if buf:
                out.append(buf)
                buf = ""
            out.append(word)
        x = end[x] + 1
    if buf:
        out.append(buf)
    return out


def _route_ends(sentence: str, freq: dict, logtotal: float) -> list[int]:
    """jieba's best route (get_DAG, calc) in one backward pass: the last character of the word each position
    starts, scored exactly as calc() scores it (the same sums in the same order; of equal scores the longer
    word, as max() of (score, end) picks)."""
    return route(sentence, freq, logtotal)[1]


def route(sentence: str, freq: dict, logtotal: float, m: int | None = None,
          tail: list[float] | tuple[float, ...] = (0.0,)) -> tuple[list[float], list[int]]:
    """The backward pass of jieba's get_DAG and calc over sentence[:m] (all of it by default): for each offset,
    the log-probability of the best route from there to the end and the last character of its first word.
    `tail` holds the scores of sentence[m:], ending in the 0 past the end: a suffix's scores do not depend on
    what comes before it, so a join of two texts reuses those of its second part (order.join_gain)."""
    n = len(sentence)
    m = n if m is None else m
    score, end = [0.0] * m + list(tail), [0] * (n + 1)
    get = freq.get  # (one lookup a step, not two: this is the build's innermost loop)
    for k in range(m - 1, -1, -1):
        best, best_end = None, k
        i, f = k, get(sentence[k])
        while f is not None:  # a prefix of the dictionary's words; bounded by the sentence
            if f:
                s = log(f) - logtotal + score[i + 1]
                if best is None or s >= best:  # i grows, so >= keeps the larger end on a tie
                    best, best_end = s, i
            i += 1
            f = get(sentence[k : i + 1]) if i < n else None
        score[k], end[k] = (best, best_end) if best is not None else (log(1) - logtotal + score[k + 1], k)
    return score, end


# The tag of an item `tagged` has left untagged: a block, or a run of characters the dictionary does not know.
UNTAGGED_BLOCK, UNTAGGED_RUN = "\0block", "\0run"


def tagged(text: str, matters=None) -> list[tuple[str, str]]:
    """`jieba.posseg.cut(text)` (its model of unknown words on) as (word, tag) pairs, word for word and tag for
    tag, about twice as fast: the same blocks, the route of _route_ends, and jieba's own Viterbi tagger for each
    run of single characters the dictionary does not know (kept per run: a page prints a name many times).
    With `matters`, a block or unknown run for which matters(piece) is false stays one item (piece,
    UNTAGGED_BLOCK or UNTAGGED_RUN) until tag_item() tags it: most of a text need not be tagged to find names."""
    tokenizer = _plain_tokenizer()
    tokenizer.check_initialized()
    freq, logtotal, tags = tokenizer.FREQ, log(tokenizer.total), _word_tags()
    out: list[tuple[str, str]] = []
    for block in HAN_INTERNAL.split(text):
        if not block:
            continue
        if HAN_INTERNAL.match(block):
            if matters is not None and not matters(block):
                out.append((block, UNTAGGED_BLOCK))
            else:
                out += _tagged_block(block, freq, logtotal, tags, matters)
            continue
        for part in SKIP_INTERNAL.split(block):
            if SKIP_INTERNAL.match(part):
                out.append((part, "x"))
                continue
            eng = ENG.match(part) is not None  # (jieba tests the whole part here, not the character)
            for char in part:
                out.append((char, "m" if NUM.match(char) else "eng" if eng else "x"))
    return out


def tag_item(items: list[tuple[str, str]], k: int) -> None:
    """Tag, in place, the item at k that `tagged` left untagged (the same words and tags it would have given)."""
    piece, flag = items[k]
    if flag == UNTAGGED_RUN:
        items[k : k + 1] = _unknown_run(piece)
    elif flag == UNTAGGED_BLOCK:
        tokenizer = _plain_tokenizer()
        items[k : k + 1] = _tagged_block(piece, tokenizer.FREQ, log(tokenizer.total), _word_tags(), None)


def _tagged_block(block: str, freq: dict, logtotal: float, tags: dict, matters=None) -> list[tuple[str, str]]:
    """posseg's __cut_DAG of one block of Chinese (and Latin letters, digits): dictionary words with their tags,
    runs of single characters through the model of unknown words unless the run is a word itself."""
    end = _route_ends(block, freq, logtotal)
    out: list[tuple[str, str]] = []
    n, x, run = len(block), 0, -1
    while x < n:
        y = end[x] + 1
        if y - x == 1:
            run = x if run < 0 else run
        else:
            if run >= 0:
                out += _run_tags(block[run:x], freq, tags, matters)
                run = -1
            out.append((block[x:y], tags.get(block[x:y], "x")))
        x = y
    if run >= 0:
        out += _run_tags(block[run:], freq, tags, matters)
    return out


def _run_tags(run: str, freq: dict, tags: dict, matters=None) -> list[tuple[str, str]] | tuple[tuple[str, str], ...]:
    """A run of single characters: one character as the dictionary tags it; a run that is no word of the
    dictionary through the model of unknown words; a run that is one, character by character (as jieba does)."""
    if len(run) == 1:
        return [(run, tags.get(run, "x"))]
    if not freq.get(run):
        return _unknown_run(run) if matters is None or matters(run) else [(run, UNTAGGED_RUN)]
    return [(c, tags.get(c, "x")) for c in run]


@lru_cache(maxsize=65536)
def _unknown_run(run: str) -> tuple[tuple[str, str], ...]:
    """jieba's tagger on a run of characters its dictionary does not join (posseg's __cut_detail: its Viterbi
    model of unknown words on each stretch of Chinese, numbers and Latin letters tagged m, eng or x)."""
    out = []
    for block in HAN_DETAIL.split(run):
        if HAN_DETAIL.match(block):
            out += _viterbi_words(block)
            continue
        for part in SKIP_DETAIL.split(block):
            if part:
                out.append((part, "m" if NUM.match(part) else "eng" if ENG.match(part) else "x"))
    return tuple(out)


def _viterbi_words(text: str) -> list[tuple[str, str]]:
    """posseg's __cut: the words and tags of the most probable sequence of (position in word, tag) states."""
    viterbi, states, start, trans, emit = _posseg_model()
    _, path = viterbi(text, states, start, trans, emit)
    out, begin, after = [], 0, 0
    for i, char in enumerate(text):
        where, tag = path[i]
        if where == "B":
            begin = i
        elif where == "E":
            out.append((text[begin : i + 1], tag))
            after = i + 1
        elif where == "S":
            out.append((char, tag))
            after = i + 1
    if after < len(text):
        out.append((text[after:], path[after][1]))
    return out


# jieba.posseg's patterns, as it splits a text into blocks and an unknown run into stretches.
HAN_INTERNAL = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._]+)")
SKIP_INTERNAL = re.compile(r"(\r\n|\s)")
HAN_DETAIL = re.compile(r"([\u4E00-\u9FD5]+)")
SKIP_DETAIL = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
ENG = re.compile(r"[a-zA-Z0-9]+")
NUM = re.compile(r"[\.0-9]+")


@lru_cache(maxsize=1)
def _posseg_model():
    """jieba.posseg's Viterbi function and model (its states per character, start, transition and emission
    log-probabilities), loaded from its files without importing jieba.posseg, whose import parses jieba's
    whole dictionary again for the tags (which _word_tags keeps)."""
    def load(name: str):
        spec = importlib.util.spec_from_file_location(f"sichuan_edu._jieba_posseg_{name}", _jieba_file("posseg", f"{name}.py"))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return (load("viterbi").viterbi, load("char_state_tab").P, load("prob_start").P, load("prob_trans").P,
            load("prob_emit").P)


CONTEXT = 6  # characters each side segmented to see whether a place name stands as a word


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """Does jieba, reading text[start:end] with a little of its context, cut the text at both its ends?
    (A name found by string search may sit inside other words: 推广安全 holds 广安, 教育部门 教育部.)"""
    a = max(0, start - CONTEXT)
    cuts, at = {0}, 0
    for word in segment(text[a : end + CONTEXT]):
        at += len(word)
        cuts.add(at)
    return start - a in cuts and end - a in cuts


def is_word(text: str) -> bool:
    """Is the text an entry of jieba's dictionary (an ordinary word: 同学们, 老师)?"""
    tokenizer = _plain_tokenizer()
    tokenizer.check_initialized()  # the dictionary is read on first use
    return bool(tokenizer.FREQ.get(text))


@lru_cache(maxsize=1)
def _word_tags() -> dict[str, str]:
    """The part-of-speech tag of each word of jieba's dictionary (its third column), as jieba.posseg reads
    them, but kept in a marshal file: importing jieba.posseg parses the whole dictionary again (a third of a
    second of each build's start)."""
    tokenizer = _plain_tokenizer()
    source = _jieba_file(jieba.DEFAULT_DICT_NAME) if tokenizer.dictionary is None else Path(tokenizer.dictionary)
    return _marshal_cached(source, "tags", _read_word_tags)


def _read_word_tags(source: Path) -> dict[str, str]:
    tags = {}
    with source.open("rb") as f:
        for lineno, line in enumerate(f, 1):  # (posseg's load_word_tag, line for line)
            line = line.strip().decode("utf-8")
            if not line:
                continue
            try:
                word, _, tag = line.split(" ")
            except ValueError:
                raise ValueError(f"invalid POS dictionary entry in {source} at Line {lineno}: {line}") from None
            tags[word] = tag
    return tags


def word_frequency(text: str) -> int:
    """How often jieba's dictionary has seen the word (0 for none)."""
    tokenizer = _plain_tokenizer()
    tokenizer.check_initialized()
    return tokenizer.FREQ.get(text, 0)


def word_tag(text: str) -> str:
    """The part-of-speech tag jieba's dictionary gives the word ('' for none)."""
    return _word_tags().get(text, "")


def is_common_word(text: str, frequent_surnames: frozenset = frozenset()) -> bool:
    """An ordinary word of jieba's dictionary, not one of the people's names it also lists (李强, 王东明).
    Its name tags are loose (师生 and 宣传部 are tagged nr), so a word used as often as 师生 counts as ordinary,
    unless it opens with one of the most frequent surnames (胡春华 264, 刘翔 423; not 高峰 1556)."""
    if not is_word(text):
        return False
    if not _word_tags().get(text, "").startswith("nr"):
        return True
    freq = _plain_tokenizer().FREQ[text]
    return freq >= (NAME_FREQ if text[:1] in frequent_surnames else COMMON_FREQ)


COMMON_FREQ = 200  # jieba's people's names are rare in its corpus (李强 159, 王东明 11); 师生 634, 宣传部 333
NAME_FREQ = 1000  # …but famous ones less so (胡春华 264, 刘翔 423); 高峰 1556 is the word

